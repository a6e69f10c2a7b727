-- =============================================================================
-- retail_db — sample business database (连锁便利店/超市经营数据)
--
-- A regional chain of convenience stores, community supermarkets and
-- hypermarkets (门店 in 江西, 长沙 and 武汉). Second sample for demos, tests and
-- benchmarks of the NL2SQL training-data service, unlike highway_db in style:
-- plain snake_case names, integer surrogate ids mixed with code columns,
-- foreign keys declared on only part of the schema.
--
--   psql -v ON_ERROR_STOP=1 -d retail_db -f deploy/sample/retail_db.sql
--   (or deploy/sample/load.sh <admin url> retail_db, which also creates the database)
--
-- * Idempotent: drops and recreates every table it owns (DROP ... CASCADE, so
--   views a user built on these tables are dropped too). Runs in one
--   transaction: a failure leaves the previous contents untouched.
-- * Deterministic: no random(), no now(); all values derive from md5() of row
--   keys and fixed dates (2024-01-01 .. 2025-06-30), so two loads produce
--   identical tables on any PostgreSQL >= 12.
-- * Declared foreign keys: stores -> cities, products -> product_categories,
--   product_categories -> itself (parent), orders -> stores, orders -> members,
--   order_items -> orders. NOT declared (to be inferred from names and data):
--   daily_store_sales.store_id / category_id, inventory_snapshots.store_code /
--   sku_code, order_items.product_id / promo_id, orders.pay_method_code,
--   products.supplier_code, suppliers.city_id, members.register_store_id,
--   promotions.category_id.
-- * Only a few tables/columns carry (Chinese) COMMENTs on purpose.
-- * Traps: orders.order_status (2 = refunded, 3 = cancelled), products.status
--   (2 = no longer sold), members.is_deleted / suppliers.is_deleted, stores
--   closed or not yet opened, daily_store_sales by level-1 category only,
--   inventory_snapshots are month-end stock levels (not additive over time),
--   unit_price / discount_rate / fee_rate are not additive.
-- =============================================================================

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

BEGIN;

DROP TABLE IF EXISTS
    public.order_items,
    public.orders,
    public.daily_store_sales,
    public.inventory_snapshots,
    public.promotions,
    public.payment_methods,
    public.members,
    public.products,
    public.suppliers,
    public.product_categories,
    public.stores,
    public.cities
CASCADE;

-- -----------------------------------------------------------------------------
-- Helpers (session-local, disappear when psql exits)
-- -----------------------------------------------------------------------------
-- the k-th (0..3) 32-bit slice of a md5 hex digest as a uniform number in [0, 1)
CREATE FUNCTION pg_temp.hu(h text, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT ('x' || substr(h, 1 + 8 * k, 8))::bit(32)::bigint / 4294967296.0 $$;

-- a deterministic Chinese personal name from a key
CREATE FUNCTION pg_temp.cn_name(k text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
    SELECT substr(s, 1 + floor(pg_temp.hu(md5(k), 0) * length(s))::int, 1)
        || substr(g, 1 + floor(pg_temp.hu(md5(k), 1) * length(g))::int, 1)
        || CASE WHEN pg_temp.hu(md5(k), 2) < 0.7
                THEN substr(g, 1 + floor(pg_temp.hu(md5(k), 3) * length(g))::int, 1) ELSE '' END
    FROM (SELECT '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆孔白崔毛邱江史顾侯邵万段钱汤黎易龚文熊'::text AS s,
                 '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏斌宇浩凯晨欣怡婷雪琳晶颖佳子轩梓涵思雨嘉俊志海波春燕丹亮国庆新红梅'::text AS g) AS x
    $$;

-- a deterministic 11-digit mobile number from a key
CREATE FUNCTION pg_temp.cn_phone(k text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
    SELECT (ARRAY['135', '136', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '182', '186', '187', '188', '191', '199'])
               [1 + floor(pg_temp.hu(md5('phone:' || k), 0) * 18)::int]
        || lpad((floor(pg_temp.hu(md5('phone:' || k), 1) * 100000000))::bigint::text, 8, '0')
    $$;

-- =============================================================================
-- Schema
-- =============================================================================

CREATE TABLE public.cities (
    city_id      integer      NOT NULL,
    city_name    varchar(50)  NOT NULL,
    province     varchar(50)  NOT NULL,
    region_name  varchar(50)  NOT NULL,
    city_tier    smallint,
    PRIMARY KEY (city_id)
);

CREATE TABLE public.stores (
    store_id       integer       NOT NULL,
    store_code     varchar(10)   NOT NULL,
    store_name     varchar(100)  NOT NULL,
    city_id        integer       NOT NULL,
    store_type     varchar(20)   NOT NULL,
    address        varchar(200),
    business_area  numeric(8,1),
    open_date      date          NOT NULL,
    close_date     date,
    status         varchar(10)   NOT NULL,
    manager_name   varchar(50),
    manager_phone  varchar(20),
    created_at     timestamp,
    updated_at     timestamp,
    PRIMARY KEY (store_id),
    CONSTRAINT stores_store_code_key UNIQUE (store_code),
    CONSTRAINT stores_city_id_fkey FOREIGN KEY (city_id) REFERENCES public.cities (city_id)
);

CREATE TABLE public.product_categories (
    category_id     integer      NOT NULL,
    category_code   varchar(10)  NOT NULL,
    category_name   varchar(50)  NOT NULL,
    parent_id       integer,
    category_level  smallint     NOT NULL,
    sort_order      smallint,
    PRIMARY KEY (category_id),
    CONSTRAINT product_categories_category_code_key UNIQUE (category_code),
    CONSTRAINT product_categories_parent_id_fkey FOREIGN KEY (parent_id)
        REFERENCES public.product_categories (category_id)
);

CREATE TABLE public.suppliers (
    supplier_code      varchar(10)   NOT NULL,
    supplier_name      varchar(100)  NOT NULL,
    city_id            integer,
    contact_name       varchar(50),
    contact_phone      varchar(20),
    settlement_type    varchar(20),
    cooperation_start  date,
    is_deleted         boolean       NOT NULL DEFAULT false,
    created_at         timestamp,
    updated_at         timestamp,
    PRIMARY KEY (supplier_code)
);

CREATE TABLE public.products (
    product_id      integer        NOT NULL,
    sku_code        varchar(20)    NOT NULL,
    barcode         varchar(13),
    product_name    varchar(100)   NOT NULL,
    category_id     integer        NOT NULL,
    brand           varchar(50),
    spec            varchar(50),
    unit            varchar(10),
    unit_price      numeric(10,2)  NOT NULL,
    purchase_price  numeric(10,2),
    supplier_code   varchar(10),
    status          smallint       NOT NULL DEFAULT 1,
    launch_date     date,
    created_at      timestamp,
    updated_at      timestamp,
    PRIMARY KEY (product_id),
    CONSTRAINT products_sku_code_key UNIQUE (sku_code),
    CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES public.product_categories (category_id)
);

CREATE TABLE public.members (
    member_id          integer      NOT NULL,
    member_no          varchar(20)  NOT NULL,
    member_name        varchar(50),
    phone              varchar(20),
    gender             char(1),
    birth_year         smallint,
    member_level       varchar(10),
    register_date      date,
    register_store_id  integer,
    points_balance     integer,
    is_deleted         boolean      NOT NULL DEFAULT false,
    created_at         timestamp,
    updated_at         timestamp,
    PRIMARY KEY (member_id),
    CONSTRAINT members_member_no_key UNIQUE (member_no)
);

CREATE TABLE public.payment_methods (
    pay_method_code  varchar(10)   NOT NULL,
    pay_method_name  varchar(20)   NOT NULL,
    is_online        boolean       NOT NULL,
    fee_rate         numeric(6,4),
    PRIMARY KEY (pay_method_code)
);

CREATE TABLE public.promotions (
    promo_id       integer        NOT NULL,
    promo_name     varchar(100)   NOT NULL,
    promo_type     varchar(20)    NOT NULL,
    category_id    integer,
    discount_rate  numeric(4,2),
    start_date     date           NOT NULL,
    end_date       date           NOT NULL,
    budget_amount  numeric(12,2),
    PRIMARY KEY (promo_id)
);

CREATE TABLE public.orders (
    order_id         bigint         NOT NULL,
    order_no         varchar(32)    NOT NULL,
    store_id         integer        NOT NULL,
    member_id        integer,
    order_time       timestamp      NOT NULL,
    sales_channel    varchar(10)    NOT NULL,
    pay_method_code  varchar(10)    NOT NULL,
    item_count       integer        NOT NULL,
    total_amount     numeric(12,2)  NOT NULL,
    discount_amount  numeric(12,2)  NOT NULL,
    paid_amount      numeric(12,2)  NOT NULL,
    order_status     smallint       NOT NULL,
    PRIMARY KEY (order_id),
    CONSTRAINT orders_order_no_key UNIQUE (order_no),
    CONSTRAINT orders_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.stores (store_id),
    CONSTRAINT orders_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.members (member_id)
);

CREATE TABLE public.order_items (
    order_id         bigint         NOT NULL,
    line_no          smallint       NOT NULL,
    product_id       integer        NOT NULL,
    quantity         integer        NOT NULL,
    unit_price       numeric(10,2)  NOT NULL,
    line_amount      numeric(12,2)  NOT NULL,
    discount_amount  numeric(12,2)  NOT NULL,
    promo_id         integer,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders (order_id)
);

CREATE TABLE public.daily_store_sales (
    sale_date        date           NOT NULL,
    store_id         integer        NOT NULL,
    category_id      integer        NOT NULL,
    sales_qty        integer        NOT NULL,
    sales_amount     numeric(12,2)  NOT NULL,
    discount_amount  numeric(12,2)  NOT NULL,
    cost_amount      numeric(12,2)  NOT NULL,
    PRIMARY KEY (sale_date, store_id, category_id)
);

CREATE TABLE public.inventory_snapshots (
    snapshot_date  date           NOT NULL,
    store_code     varchar(10)    NOT NULL,
    sku_code       varchar(20)    NOT NULL,
    stock_qty      integer        NOT NULL,
    safety_stock   integer,
    stock_amount   numeric(12,2),
    PRIMARY KEY (snapshot_date, store_code, sku_code)
);

-- Existing comments (must survive documentation runs). Everything else is
-- deliberately left uncommented.
COMMENT ON TABLE  public.stores                         IS '门店信息表';
COMMENT ON COLUMN public.stores.status                  IS '门店状态:营业中/已闭店/筹备中';
COMMENT ON COLUMN public.products.unit_price            IS '零售单价(元)';
COMMENT ON COLUMN public.products.status                IS '商品状态:1=在售 2=停售';
COMMENT ON COLUMN public.members.phone                  IS '会员手机号';
COMMENT ON COLUMN public.orders.order_status            IS '订单状态:1=已完成 2=已退款 3=已取消';
COMMENT ON TABLE  public.daily_store_sales              IS '门店每日分品类(一级品类)销售汇总';
COMMENT ON COLUMN public.daily_store_sales.sales_amount IS '销售金额(元,折后实收)';

-- =============================================================================
-- Reference data
-- =============================================================================

INSERT INTO public.cities (city_id, city_name, province, region_name, city_tier) VALUES
    ( 1, '南昌',   '江西省', '南昌片区', 2),
    ( 2, '九江',   '江西省', '赣北片区', 3),
    ( 3, '景德镇', '江西省', '赣北片区', 4),
    ( 4, '上饶',   '江西省', '赣东片区', 3),
    ( 5, '鹰潭',   '江西省', '赣东片区', 4),
    ( 6, '抚州',   '江西省', '赣东片区', 4),
    ( 7, '宜春',   '江西省', '赣西片区', 3),
    ( 8, '萍乡',   '江西省', '赣西片区', 4),
    ( 9, '新余',   '江西省', '赣西片区', 4),
    (10, '吉安',   '江西省', '赣南片区', 3),
    (11, '赣州',   '江西省', '赣南片区', 3),
    (12, '长沙',   '湖南省', '省外片区', 2),
    (13, '武汉',   '湖北省', '省外片区', 1);

-- 25 stores: 2 opened during the period (象湖 2024-07-01, 岳麓 2024-11-15),
-- 2 closed (安源 after 2024-09-30, 江汉路 after 2025-03-31), 1 not yet open.
CREATE TEMP TABLE tmp_store ON COMMIT DROP AS
SELECT s.store_id, 'S' || lpad(s.store_id::text, 3, '0') AS store_code, s.store_name, s.city_id, s.store_type,
       s.address, s.open_date, s.close_date,
       CASE WHEN s.open_date > date '2025-06-30' THEN '筹备中'
            WHEN s.close_date IS NOT NULL THEN '已闭店' ELSE '营业中' END AS status,
       md5('store:' || s.store_id) AS h
FROM (VALUES
    ( 1, '南昌红谷滩店',     1, '大卖场',   '红谷滩区赣江中大道1218号',      date '2019-05-01', NULL::date),
    ( 2, '南昌八一广场店',   1, '社区超市', '东湖区中山路318号',             date '2018-09-15', NULL),
    ( 3, '南昌青山湖店',     1, '便利店',   '青山湖区北京东路1566号',        date '2020-03-20', NULL),
    ( 4, '南昌西湖万达店',   1, '社区超市', '西湖区九洲大街万达广场B1层',    date '2019-11-08', NULL),
    ( 5, '南昌昌北机场店',   1, '便利店',   '新建区昌北国际机场T2航站楼',    date '2021-06-18', NULL),
    ( 6, '南昌高新店',       1, '便利店',   '高新区艾溪湖北路88号',          date '2020-08-08', NULL),
    ( 7, '南昌象湖店',       1, '社区超市', '青云谱区象湖新城金沙大道66号',  date '2024-07-01', NULL),
    ( 8, '九江浔阳店',       2, '社区超市', '浔阳区浔阳路208号',             date '2019-04-12', NULL),
    ( 9, '九江八里湖店',     2, '便利店',   '八里湖新区长江大道1号',         date '2021-01-10', NULL),
    (10, '景德镇珠山店',     3, '社区超市', '珠山区珠山中路56号',            date '2020-05-01', NULL),
    (11, '上饶信州店',       4, '大卖场',   '信州区五三大道699号',           date '2020-10-01', NULL),
    (12, '上饶婺源店',       4, '便利店',   '婺源县文公北路12号',            date '2022-03-15', NULL),
    (13, '鹰潭月湖店',       5, '便利店',   '月湖区胜利西路38号',            date '2021-09-01', NULL),
    (14, '抚州临川店',       6, '社区超市', '临川区赣东大道1099号',          date '2020-12-12', NULL),
    (15, '宜春袁州店',       7, '社区超市', '袁州区宜阳大道500号',           date '2021-04-18', NULL),
    (16, '萍乡安源店',       8, '便利店',   '安源区跃进北路21号',            date '2021-07-07', date '2024-09-30'),
    (17, '新余渝水店',       9, '便利店',   '渝水区劳动北路99号',            date '2022-01-16', NULL),
    (18, '吉安吉州店',      10, '社区超市', '吉州区井冈山大道168号',         date '2020-07-01', NULL),
    (19, '赣州章贡店',      11, '大卖场',   '章贡区红旗大道88号',            date '2019-12-20', NULL),
    (20, '赣州南康店',      11, '便利店',   '南康区蓉江路27号',              date '2022-06-06', NULL),
    (21, '长沙五一广场店',  12, '便利店',   '芙蓉区五一大道389号',           date '2022-09-09', NULL),
    (22, '长沙岳麓店',      12, '社区超市', '岳麓区麓山南路932号',           date '2024-11-15', NULL),
    (23, '武汉光谷店',      13, '社区超市', '洪山区珞喻路766号',             date '2023-03-18', NULL),
    (24, '武汉江汉路店',    13, '便利店',   '江汉区江汉路118号',             date '2023-05-20', date '2025-03-31'),
    (25, '南昌九龙湖店',     1, '社区超市', '新建区九龙湖新城龙兴大街9号',   date '2025-08-08', NULL)
) AS s(store_id, store_name, city_id, store_type, address, open_date, close_date);

INSERT INTO public.stores
SELECT s.store_id, s.store_code, s.store_name, s.city_id, s.store_type, s.address,
       round((CASE s.store_type WHEN '便利店' THEN 80 + 90 * pg_temp.hu(s.h, 0)
                                WHEN '社区超市' THEN 450 + 600 * pg_temp.hu(s.h, 0)
                                ELSE 3200 + 3500 * pg_temp.hu(s.h, 0) END)::numeric, 1),
       s.open_date, s.close_date, s.status,
       pg_temp.cn_name('store-manager:' || s.store_id),
       pg_temp.cn_phone('store-manager:' || s.store_id),
       (s.open_date - 45) + time '10:00',
       coalesce(s.close_date + interval '1 day 9 hours', timestamp '2024-03-01 09:00' + s.store_id * interval '3 days')
FROM tmp_store s
ORDER BY s.store_id;

INSERT INTO public.product_categories (category_id, category_code, category_name, parent_id, category_level, sort_order) VALUES
    (  1, 'C01',   '饮料',       NULL, 1, 1),
    (  2, 'C02',   '零食',       NULL, 1, 2),
    (  3, 'C03',   '日用品',     NULL, 1, 3),
    (  4, 'C04',   '生鲜',       NULL, 1, 4),
    (  5, 'C05',   '粮油调味',   NULL, 1, 5),
    (  6, 'C06',   '酒水',       NULL, 1, 6),
    (101, 'C0101', '碳酸饮料',      1, 2, 1),
    (102, 'C0102', '茶饮料',        1, 2, 2),
    (103, 'C0103', '瓶装水',        1, 2, 3),
    (104, 'C0104', '乳制品',        1, 2, 4),
    (201, 'C0201', '膨化食品',      2, 2, 1),
    (202, 'C0202', '饼干糕点',      2, 2, 2),
    (203, 'C0203', '糖果巧克力',    2, 2, 3),
    (204, 'C0204', '坚果炒货',      2, 2, 4),
    (301, 'C0301', '纸品',          3, 2, 1),
    (302, 'C0302', '个人清洁',      3, 2, 2),
    (303, 'C0303', '家居清洁',      3, 2, 3),
    (401, 'C0401', '水果',          4, 2, 1),
    (402, 'C0402', '蔬菜',          4, 2, 2),
    (403, 'C0403', '肉禽蛋',        4, 2, 3),
    (501, 'C0501', '米面',          5, 2, 1),
    (502, 'C0502', '食用油',        5, 2, 2),
    (503, 'C0503', '调味品',        5, 2, 3),
    (601, 'C0601', '啤酒',          6, 2, 1),
    (602, 'C0602', '白酒',          6, 2, 2);

INSERT INTO public.suppliers
SELECT s.code, s.name, s.city_id,
       pg_temp.cn_name('supplier-contact:' || s.code),
       pg_temp.cn_phone('supplier-contact:' || s.code),
       s.settlement, s.since, s.code = 'SUP18',
       (s.since - 20) + time '14:00',
       CASE WHEN s.code = 'SUP18' THEN timestamp '2024-12-20 16:30'
            ELSE timestamp '2024-02-01 10:00' + (substr(s.code, 4)::int) * interval '5 days' END
FROM (VALUES
    ('SUP01', '江西润田实业股份有限公司',         1, '月结',   date '2018-08-01'),
    ('SUP02', '农夫山泉股份有限公司江西分公司',   1, '月结',   date '2018-08-01'),
    ('SUP03', '可口可乐(江西)饮料有限公司',       1, '月结',   date '2018-09-01'),
    ('SUP04', '康师傅饮品(南昌)有限公司',         1, '月结',   date '2018-09-01'),
    ('SUP05', '南昌伊利乳品销售有限公司',         1, '半月结', date '2019-03-15'),
    ('SUP06', '旺旺食品江西销售有限公司',         1, '月结',   date '2019-01-10'),
    ('SUP07', '良品铺子股份有限公司',            13, '月结',   date '2020-06-01'),
    ('SUP08', '维达纸业(江西)销售有限公司',       1, '月结',   date '2018-10-01'),
    ('SUP09', '江西联华日化商贸有限公司',         1, '月结',   date '2018-10-01'),
    ('SUP10', '益海嘉里(南昌)粮油食品有限公司',   1, '月结',   date '2018-09-01'),
    ('SUP11', '江西海天调味品销售有限公司',       1, '月结',   date '2019-05-20'),
    ('SUP12', '华润雪花啤酒(江西)有限公司',       2, '月结',   date '2018-09-01'),
    ('SUP13', '江西四特酒销售有限责任公司',       7, '现结',   date '2019-11-11'),
    ('SUP14', '南昌绿源生鲜配送有限公司',         1, '半月结', date '2019-04-01'),
    ('SUP15', '赣州赣南果业专业合作社',          11, '现结',   date '2020-10-15'),
    ('SUP16', '江西煌上煌集团食品股份有限公司',   1, '半月结', date '2019-04-01'),
    ('SUP17', '江西万年贡米业有限公司',           4, '月结',   date '2020-03-01'),
    ('SUP18', '南昌惠民日化批发部',               1, '现结',   date '2018-12-01')
) AS s(code, name, city_id, settlement, since);

-- 91 products. status 2 (停售) products stop selling on 2025-01-01; two
-- products are launched on 2024-05-01.
CREATE TEMP TABLE tmp_product ON COMMIT DROP AS
SELECT p.product_id, p.product_name, p.category_id, c.parent_id AS l1_id, p.brand, p.spec, p.unit,
       p.unit_price::numeric(10,2) AS unit_price, p.purchase_price::numeric(10,2) AS purchase_price,
       p.supplier_code,
       CASE WHEN p.product_name IN ('上好佳鲜虾片', '光明优倍鲜牛奶', '84消毒液', '雕牌超能洗衣粉', '牛栏山二锅头')
            THEN 2 ELSE 1 END AS status,
       CASE WHEN p.product_name IN ('元气森林苏打气泡水', '阳光玫瑰葡萄') THEN date '2024-05-01'
            ELSE date '2019-06-01' + (floor(pg_temp.hu(md5('launch:' || p.product_id), 0) * 1400))::int END AS launch_date,
       'SKU' || lpad(p.category_id::text, 3, '0') || lpad((p.product_id % 100)::text, 3, '0') AS sku_code,
       -- order-line popularity: cheap everyday goods are bought far more often
       greatest(1, round(12 / sqrt(p.unit_price)))::int AS weight
FROM (VALUES
    ( 1, '可口可乐',               101, '可口可乐',   '330ml',        '罐',   3.00,   2.10, 'SUP03'),
    ( 2, '可口可乐',               101, '可口可乐',   '500ml',        '瓶',   3.50,   2.40, 'SUP03'),
    ( 3, '雪碧',                   101, '雪碧',       '500ml',        '瓶',   3.50,   2.40, 'SUP03'),
    ( 4, '芬达橙味汽水',           101, '芬达',       '500ml',        '瓶',   3.50,   2.40, 'SUP03'),
    ( 5, '百事可乐',               101, '百事',       '500ml',        '瓶',   3.50,   2.30, 'SUP04'),
    ( 6, '元气森林苏打气泡水',     101, '元气森林',   '480ml',        '瓶',   5.50,   3.60, 'SUP04'),
    ( 7, '康师傅冰红茶',           102, '康师傅',     '500ml',        '瓶',   3.50,   2.20, 'SUP04'),
    ( 8, '康师傅绿茶',             102, '康师傅',     '500ml',        '瓶',   3.50,   2.20, 'SUP04'),
    ( 9, '统一阿萨姆奶茶',         102, '统一',       '500ml',        '瓶',   5.00,   3.30, 'SUP04'),
    (10, '东方树叶茉莉花茶',       102, '农夫山泉',   '500ml',        '瓶',   5.50,   3.70, 'SUP02'),
    (11, '三得利乌龙茶',           102, '三得利',     '500ml',        '瓶',   5.50,   3.60, 'SUP04'),
    (12, '润田翠天然含硒矿泉水',   103, '润田',       '550ml',        '瓶',   2.50,   1.30, 'SUP01'),
    (13, '润田纯净水',             103, '润田',       '560ml',        '瓶',   1.50,   0.80, 'SUP01'),
    (14, '农夫山泉饮用天然水',     103, '农夫山泉',   '550ml',        '瓶',   2.00,   1.10, 'SUP02'),
    (15, '农夫山泉饮用天然水',     103, '农夫山泉',   '4L',           '桶',   8.50,   5.60, 'SUP02'),
    (16, '伊利纯牛奶',             104, '伊利',       '250ml*16',     '箱',  65.00,  50.00, 'SUP05'),
    (17, '伊利安慕希原味酸奶',     104, '伊利',       '205g*12',      '箱',  69.90,  52.00, 'SUP05'),
    (18, '蒙牛纯甄酸奶',           104, '蒙牛',       '200g',         '盒',   6.50,   4.60, 'SUP05'),
    (19, '伊利金典有机纯牛奶',     104, '伊利',       '250ml*12',     '箱',  79.90,  61.00, 'SUP05'),
    (20, '光明优倍鲜牛奶',         104, '光明',       '950ml',        '瓶',  18.80,  13.50, 'SUP05'),
    (21, '乐事原味薯片',           201, '乐事',       '70g',          '袋',   7.50,   4.90, 'SUP06'),
    (22, '乐事黄瓜味薯片',         201, '乐事',       '70g',          '袋',   7.50,   4.90, 'SUP06'),
    (23, '旺旺仙贝',               201, '旺旺',       '52g',          '袋',   5.50,   3.50, 'SUP06'),
    (24, '旺旺雪饼',               201, '旺旺',       '84g',          '袋',   6.50,   4.10, 'SUP06'),
    (25, '上好佳鲜虾片',           201, '上好佳',     '40g',          '袋',   4.00,   2.50, 'SUP06'),
    (26, '奥利奥原味夹心饼干',     202, '奥利奥',     '116g',         '盒',   9.90,   6.60, 'SUP06'),
    (27, '达利园法式软面包',       202, '达利园',     '360g',         '袋',  13.90,   9.20, 'SUP06'),
    (28, '好丽友巧克力派',         202, '好丽友',     '6枚',          '盒',  12.90,   8.60, 'SUP06'),
    (29, '康师傅3+2苏打夹心饼干',  202, '康师傅',     '125g',         '袋',   7.90,   5.10, 'SUP04'),
    (30, '良品铺子手撕面包',       202, '良品铺子',   '1kg',          '箱',  29.90,  19.50, 'SUP07'),
    (31, '德芙丝滑牛奶巧克力',     203, '德芙',       '43g',          '条',   9.90,   6.50, 'SUP06'),
    (32, '士力架花生夹心巧克力',   203, '士力架',     '51g',          '条',   6.50,   4.20, 'SUP06'),
    (33, '大白兔奶糖',             203, '大白兔',     '227g',         '袋',  19.90,  13.20, 'SUP06'),
    (34, '阿尔卑斯棒棒糖',         203, '阿尔卑斯',   '10支',         '袋',   8.90,   5.60, 'SUP06'),
    (35, '良品铺子每日坚果',       204, '良品铺子',   '750g',         '盒',  99.00,  68.00, 'SUP07'),
    (36, '洽洽香瓜子',             204, '洽洽',       '308g',         '袋',  12.90,   8.40, 'SUP07'),
    (37, '三只松鼠夏威夷果',       204, '三只松鼠',   '160g',         '袋',  25.90,  17.00, 'SUP07'),
    (38, '良品铺子猪肉脯',         204, '良品铺子',   '200g',         '袋',  29.90,  19.90, 'SUP07'),
    (39, '周黑鸭卤鸭脖',           204, '周黑鸭',     '200g',         '盒',  29.90,  20.50, 'SUP07'),
    (40, '维达超韧抽纸',           301, '维达',       '3层100抽*6包', '提',  19.90,  13.50, 'SUP08'),
    (41, '维达蓝色经典卷纸',       301, '维达',       '4层140g*10卷', '提',  29.90,  20.50, 'SUP08'),
    (42, '清风原木纯品抽纸',       301, '清风',       '3层120抽*8包', '提',  24.90,  16.80, 'SUP08'),
    (43, '心相印手帕纸',           301, '心相印',     '10包',         '条',   6.90,   4.30, 'SUP08'),
    (44, '舒肤佳纯白沐浴露',       302, '舒肤佳',     '720ml',        '瓶',  39.90,  27.00, 'SUP09'),
    (45, '海飞丝去屑洗发水',       302, '海飞丝',     '400ml',        '瓶',  52.90,  36.50, 'SUP09'),
    (46, '高露洁全面防蛀牙膏',     302, '高露洁',     '140g',         '支',  12.90,   8.30, 'SUP09'),
    (47, '云南白药牙膏',           302, '云南白药',   '120g',         '支',  26.80,  18.20, 'SUP09'),
    (48, '佳洁士软毛牙刷',         302, '佳洁士',     '2支装',        '盒',  15.90,   9.80, 'SUP09'),
    (49, '蓝月亮深层洁净洗衣液',   303, '蓝月亮',     '3kg',          '瓶',  49.90,  34.00, 'SUP09'),
    (50, '立白洗洁精',             303, '立白',       '1.29kg',       '瓶',  13.90,   9.10, 'SUP09'),
    (51, '威猛先生厨房重油污净',   303, '威猛先生',   '500g',         '瓶',  19.90,  13.20, 'SUP09'),
    (52, '84消毒液',               303, '84',         '1.2kg',        '瓶',   9.90,   6.20, 'SUP18'),
    (53, '雕牌超能洗衣粉',         303, '雕牌',       '1.7kg',        '袋',  19.90,  13.00, 'SUP18'),
    (54, '赣南脐橙',               401, '赣南脐橙',   '5斤',          '箱',  39.90,  26.00, 'SUP15'),
    (55, '红富士苹果',             401, '产地直采',   '500g',         '份',   6.90,   4.30, 'SUP14'),
    (56, '海南香蕉',               401, '产地直采',   '500g',         '份',   4.50,   2.70, 'SUP14'),
    (57, '南丰蜜桔',               401, '南丰',       '500g',         '份',   5.90,   3.60, 'SUP15'),
    (58, '麒麟西瓜',               401, '产地直采',   '约4kg',        '个',  29.90,  19.00, 'SUP14'),
    (59, '阳光玫瑰葡萄',           401, '产地直采',   '500g',         '盒',  25.90,  17.50, 'SUP14'),
    (60, '本地小白菜',             402, '本地',       '500g',         '份',   3.50,   2.10, 'SUP14'),
    (61, '西红柿',                 402, '本地',       '500g',         '份',   4.90,   3.00, 'SUP14'),
    (62, '黄瓜',                   402, '本地',       '500g',         '份',   3.90,   2.30, 'SUP14'),
    (63, '土豆',                   402, '本地',       '500g',         '份',   2.90,   1.70, 'SUP14'),
    (64, '冷鲜猪五花肉',           403, '煌上煌',     '500g',         '份',  16.90,  12.20, 'SUP16'),
    (65, '冷鲜猪前腿肉',           403, '煌上煌',     '500g',         '份',  14.90,  10.60, 'SUP16'),
    (66, '泰和乌鸡',               403, '泰和',       '约1kg',        '只',  45.00,  32.00, 'SUP16'),
    (67, '农家土鸡蛋',             403, '本地',       '30枚',         '盒',  32.90,  23.50, 'SUP14'),
    (68, '煌上煌酱鸭',             403, '煌上煌',     '400g',         '袋',  35.80,  24.00, 'SUP16'),
    (69, '金龙鱼东北大米',         501, '金龙鱼',     '5kg',          '袋',  39.90,  29.50, 'SUP10'),
    (70, '万年贡米',               501, '万年贡',     '5kg',          '袋',  49.90,  36.00, 'SUP17'),
    (71, '金龙鱼高筋麦芯小麦粉',   501, '金龙鱼',     '2.5kg',        '袋',  19.90,  14.20, 'SUP10'),
    (72, '南昌炒粉米粉',           501, '万年贡',     '1kg',          '袋',  12.90,   8.50, 'SUP17'),
    (73, '金龙鱼黄金比例调和油',   502, '金龙鱼',     '5L',           '桶',  69.90,  52.00, 'SUP10'),
    (74, '鲁花压榨一级花生油',     502, '鲁花',       '5L',           '桶', 159.00, 122.00, 'SUP10'),
    (75, '金龙鱼玉米油',           502, '金龙鱼',     '4L',           '桶',  69.90,  51.00, 'SUP10'),
    (76, '海天金标生抽',           503, '海天',       '1.28L',        '瓶',  15.90,  10.60, 'SUP11'),
    (77, '海天老抽王',             503, '海天',       '500ml',        '瓶',   9.90,   6.50, 'SUP11'),
    (78, '海天上等蚝油',           503, '海天',       '715g',         '瓶',  13.50,   8.90, 'SUP11'),
    (79, '李锦记蒸鱼豉油',         503, '李锦记',     '410ml',        '瓶',  16.90,  11.20, 'SUP11'),
    (80, '老干妈风味豆豉油辣椒',   503, '老干妈',     '280g',         '瓶',  12.50,   8.60, 'SUP11'),
    (81, '太太乐鸡精',             503, '太太乐',     '200g',         '袋',  11.90,   7.80, 'SUP11'),
    (82, '雪花勇闯天涯',           601, '雪花',       '500ml',        '罐',   5.00,   3.20, 'SUP12'),
    (83, '雪花纯生',               601, '雪花',       '500ml',        '罐',   6.50,   4.30, 'SUP12'),
    (84, '青岛啤酒经典',           601, '青岛',       '500ml',        '罐',   6.00,   3.90, 'SUP12'),
    (85, '百威啤酒',               601, '百威',       '500ml',        '罐',   7.50,   5.00, 'SUP12'),
    (86, '雪花勇闯天涯整箱',       601, '雪花',       '500ml*12',     '箱',  55.00,  36.50, 'SUP12'),
    (87, '四特酒东方韵',           602, '四特',       '52度 500ml',   '瓶', 268.00, 185.00, 'SUP13'),
    (88, '四特酒锦瓷',             602, '四特',       '52度 500ml',   '瓶', 158.00, 108.00, 'SUP13'),
    (89, '李渡高粱酒',             602, '李渡',       '52度 500ml',   '瓶', 128.00,  86.00, 'SUP13'),
    (90, '牛栏山二锅头',           602, '牛栏山',     '56度 500ml',   '瓶',  16.00,  10.50, 'SUP13'),
    (91, '剑南春',                 602, '剑南春',     '52度 500ml',   '瓶', 458.00, 360.00, 'SUP13')
) AS p(product_id, product_name, category_id, brand, spec, unit, unit_price, purchase_price, supplier_code)
JOIN public.product_categories c ON c.category_id = p.category_id;

INSERT INTO public.products
SELECT p.product_id, p.sku_code,
       '69' || lpad((floor(pg_temp.hu(md5('barcode:' || p.product_id), 0) * 100000000000))::bigint::text, 11, '0'),
       p.product_name, p.category_id, p.brand, p.spec, p.unit, p.unit_price, p.purchase_price, p.supplier_code,
       p.status, p.launch_date,
       (p.launch_date - 30) + time '11:00',
       CASE WHEN p.status = 2 THEN timestamp '2024-12-31 18:00'
            ELSE (p.launch_date - 30) + time '11:00' END
FROM tmp_product p
ORDER BY p.product_id;

INSERT INTO public.payment_methods (pay_method_code, pay_method_name, is_online, fee_rate) VALUES
    ('WX',       '微信支付', true,  0.0038),
    ('ALIPAY',   '支付宝',   true,  0.0038),
    ('CASH',     '现金',     false, 0.0000),
    ('UNIONPAY', '银联卡',   false, 0.0050),
    ('MEMBER',   '会员卡',   false, 0.0000);

-- Promotions: category_id is a level-1 category, NULL = 全场.
INSERT INTO public.promotions (promo_id, promo_name, promo_type, category_id, discount_rate, start_date, end_date, budget_amount) VALUES
    ( 1, '元旦迎新全场95折',   '折扣', NULL, 0.95, date '2024-01-01', date '2024-01-01',  20000.00),
    ( 2, '龙年年货节',         '满减', NULL, 0.92, date '2024-01-27', date '2024-02-08', 150000.00),
    ( 3, '春节酒水特惠',       '折扣',    6, 0.90, date '2024-02-09', date '2024-02-17',  40000.00),
    ( 4, '三八女神节日用品节', '折扣',    3, 0.85, date '2024-03-06', date '2024-03-08',  30000.00),
    ( 5, '粮油惠民周',         '折扣',    5, 0.92, date '2024-04-15', date '2024-04-21',  25000.00),
    ( 6, '五一出游零食节',     '买赠',    2, 0.88, date '2024-05-01', date '2024-05-05',  30000.00),
    ( 7, '618年中大促',        '满减', NULL, 0.90, date '2024-06-16', date '2024-06-18',  80000.00),
    ( 8, '夏日冰饮节',         '折扣',    1, 0.88, date '2024-07-01', date '2024-08-31',  90000.00),
    ( 9, '中秋团圆季',         '满减', NULL, 0.93, date '2024-09-14', date '2024-09-17',  50000.00),
    (10, '国庆黄金周',         '满减', NULL, 0.92, date '2024-10-01', date '2024-10-07', 100000.00),
    (11, '双十一狂欢购',       '满减', NULL, 0.85, date '2024-11-09', date '2024-11-11', 120000.00),
    (12, '双十二会员日',       '折扣', NULL, 0.90, date '2024-12-12', date '2024-12-12',  30000.00),
    (13, '蛇年年货节',         '满减', NULL, 0.92, date '2025-01-15', date '2025-01-27', 160000.00),
    (14, '春节酒水特惠',       '折扣',    6, 0.90, date '2025-01-28', date '2025-02-04',  45000.00),
    (15, '三八女神节日用品节', '折扣',    3, 0.85, date '2025-03-06', date '2025-03-08',  30000.00),
    (16, '五一出游零食节',     '买赠',    2, 0.88, date '2025-05-01', date '2025-05-05',  35000.00),
    (17, '夏日冰饮节预热',     '折扣',    1, 0.90, date '2025-06-01', date '2025-06-30',  50000.00),
    (18, '618年中大促',        '满减', NULL, 0.90, date '2025-06-16', date '2025-06-18',  90000.00);

-- 3,000 members, numbered in registration order: 1,800 registered before
-- 2024, the rest during 2024-01-01 .. 2025-06-30. About 1 % are deactivated
-- (is_deleted); they have no orders.
CREATE TEMP TABLE tmp_member ON COMMIT DROP AS
SELECT m.i AS member_id, md5('member:' || m.i) AS h,
       CASE WHEN m.i <= 1800 THEN date '2019-06-01' + floor((m.i - 1) * 1670.0 / 1800)::int
            ELSE date '2024-01-01' + floor((m.i - 1801) * 546.0 / 1200)::int END AS register_date
FROM generate_series(1, 3000) AS m(i);

INSERT INTO public.members
SELECT m.member_id,
       'M' || to_char(m.register_date, 'YYMM') || lpad(m.member_id::text, 5, '0'),
       pg_temp.cn_name('member:' || m.member_id),
       pg_temp.cn_phone('member:' || m.member_id),
       CASE WHEN pg_temp.hu(m.h, 0) < 0.46 THEN 'M' ELSE 'F' END,
       (1958 + floor(pg_temp.hu(m.h, 1) * 48))::smallint,
       CASE WHEN pg_temp.hu(m.h, 2) < 0.60 THEN '普通会员'
            WHEN pg_temp.hu(m.h, 2) < 0.85 THEN '银卡会员'
            WHEN pg_temp.hu(m.h, 2) < 0.97 THEN '金卡会员'
            ELSE '钻石会员' END,
       m.register_date,
       (SELECT (array_agg(s.store_id ORDER BY s.store_id))[1 + floor(pg_temp.hu(m.h, 3) * count(*))::int]
        FROM tmp_store s
        WHERE s.open_date <= m.register_date AND (s.close_date IS NULL OR s.close_date >= m.register_date)),
       floor(pg_temp.hu(md5(m.h), 0) * pg_temp.hu(md5(m.h), 1) * 12000)::int,
       m.member_id % 97 = 0,
       m.register_date + time '08:00' + floor(pg_temp.hu(md5(m.h), 2) * 780) * interval '1 minute',
       CASE WHEN m.member_id % 97 = 0 THEN timestamp '2025-06-20 10:00' + (m.member_id / 97) * interval '37 minutes'
            ELSE m.register_date + time '08:00' + floor(pg_temp.hu(md5(m.h), 2) * 780) * interval '1 minute' END
FROM tmp_member m
ORDER BY m.member_id;

-- =============================================================================
-- Facts: 2024-01-01 .. 2025-06-30 (547 days)
-- =============================================================================

-- Calendar: day-of-week, holiday and growth factors; members registered so far.
CREATE TEMP TABLE tmp_day ON COMMIT DROP AS
SELECT d::date AS day,
       CASE extract(isodow FROM d)::int WHEN 5 THEN 1.08 WHEN 6 THEN 1.22 WHEN 7 THEN 1.18 ELSE 1.0 END AS dow_f,
       coalesce(h.f, 1.0) AS hol_f,
       1 + 0.10 * (d::date - date '2024-01-01') / 365.0 AS growth,
       CASE WHEN d < date '2024-05-01' THEN 1 WHEN d < date '2025-01-01' THEN 2 ELSE 3 END AS period,
       (SELECT count(*) FROM tmp_member m WHERE m.register_date <= d::date) AS members_so_far
FROM generate_series(date '2024-01-01', date '2025-06-30', interval '1 day') AS d
LEFT JOIN (VALUES
    (date '2024-01-01', date '2024-01-01', 1.15),   -- 元旦
    (date '2024-01-27', date '2024-02-08', 1.40),   -- 年货 (春节前)
    (date '2024-02-09', date '2024-02-14', 0.70),   -- 春节
    (date '2024-05-01', date '2024-05-05', 1.20),   -- 劳动节
    (date '2024-06-08', date '2024-06-10', 1.15),   -- 端午
    (date '2024-06-16', date '2024-06-18', 1.25),   -- 618
    (date '2024-09-14', date '2024-09-17', 1.20),   -- 中秋
    (date '2024-10-01', date '2024-10-07', 1.25),   -- 国庆
    (date '2024-11-09', date '2024-11-11', 1.45),   -- 双十一
    (date '2024-12-12', date '2024-12-12', 1.20),   -- 双十二
    (date '2025-01-01', date '2025-01-01', 1.15),   -- 元旦
    (date '2025-01-15', date '2025-01-27', 1.40),   -- 年货 (春节前)
    (date '2025-01-28', date '2025-02-02', 0.70),   -- 春节
    (date '2025-05-01', date '2025-05-05', 1.20),   -- 劳动节
    (date '2025-05-31', date '2025-06-02', 1.15),   -- 端午
    (date '2025-06-16', date '2025-06-18', 1.25)    -- 618
) AS h(d1, d2, f) ON d BETWEEN h.d1 AND h.d2;

-- Per day and level-1 category: season, festival extras, and the strongest
-- promotion running (category promotions lift sales; all promotions add discount).
CREATE TEMP TABLE tmp_day_cat ON COMMIT DROP AS
SELECT t.day, c.category_id AS l1,
       CASE WHEN c.category_id = 1 AND extract(month FROM t.day) IN (6, 7, 8, 9) THEN 1.45
            WHEN c.category_id = 1 AND extract(month FROM t.day) IN (12, 1, 2) THEN 0.78
            WHEN c.category_id = 6 AND extract(month FROM t.day) IN (7, 8) THEN 1.20
            WHEN c.category_id = 6 AND extract(month FROM t.day) IN (1, 2) THEN 1.25
            WHEN c.category_id = 2 AND extract(month FROM t.day) IN (1, 2) THEN 1.15
            WHEN c.category_id = 4 AND extract(month FROM t.day) IN (7, 8) THEN 1.08
            ELSE 1.0 END
       * CASE WHEN (t.day BETWEEN date '2024-01-27' AND date '2024-02-08' OR t.day BETWEEN date '2025-01-15' AND date '2025-01-27')
                   THEN (CASE c.category_id WHEN 6 THEN 1.8 WHEN 2 THEN 1.5 WHEN 5 THEN 1.3 ELSE 1.0 END)
              WHEN t.day BETWEEN date '2024-09-14' AND date '2024-09-17'
                   THEN (CASE c.category_id WHEN 6 THEN 1.4 WHEN 2 THEN 1.3 ELSE 1.0 END)
              WHEN t.day BETWEEN date '2024-10-01' AND date '2024-10-07'
                   THEN (CASE c.category_id WHEN 6 THEN 1.3 WHEN 1 THEN 1.2 ELSE 1.0 END)
              ELSE 1.0 END AS season_f,
       p.promo_id, coalesce(1 - p.discount_rate, 0) AS promo_off,
       CASE WHEN p.category_id IS NOT NULL THEN 1 + 1.5 * (1 - p.discount_rate) ELSE 1.0 END AS promo_f
FROM tmp_day t
CROSS JOIN public.product_categories c
LEFT JOIN LATERAL (
    SELECT pr.promo_id, pr.discount_rate, pr.category_id
    FROM public.promotions pr
    WHERE t.day BETWEEN pr.start_date AND pr.end_date
      AND (pr.category_id IS NULL OR pr.category_id = c.category_id)
    ORDER BY pr.discount_rate, pr.promo_id
    LIMIT 1
) AS p ON true
WHERE c.category_level = 1;

-- Category mix, price level and gross margin per store type (便利店 sell no 生鲜).
CREATE TEMP TABLE tmp_mix ON COMMIT DROP AS
SELECT x.store_type, x.l1, x.share, x.avg_price, x.margin
FROM (VALUES
    ('便利店',   1, 0.34,  4.6, 0.33), ('便利店',   2, 0.24,  8.5, 0.35), ('便利店',   3, 0.14, 14.0, 0.28),
    ('便利店',   5, 0.08, 16.0, 0.18), ('便利店',   6, 0.20, 11.0, 0.30),
    ('社区超市', 1, 0.16,  5.2, 0.32), ('社区超市', 2, 0.14,  9.5, 0.35), ('社区超市', 3, 0.16, 18.0, 0.28),
    ('社区超市', 4, 0.28,  9.0, 0.22), ('社区超市', 5, 0.14, 24.0, 0.18), ('社区超市', 6, 0.12, 16.0, 0.30),
    ('大卖场',   1, 0.13,  6.0, 0.31), ('大卖场',   2, 0.13, 10.5, 0.34), ('大卖场',   3, 0.20, 21.0, 0.27),
    ('大卖场',   4, 0.24,  9.5, 0.21), ('大卖场',   5, 0.16, 27.0, 0.17), ('大卖场',   6, 0.14, 22.0, 0.29)
) AS x(store_type, l1, share, avg_price, margin);

-- Days on which a store trades (opening day .. closing day); new stores ramp
-- up over their first 90 days.
CREATE TEMP TABLE tmp_store_day ON COMMIT DROP AS
SELECT s.store_id, s.store_code, s.store_type, t.day, t.dow_f, t.hol_f, t.growth, t.period, t.members_so_far,
       (CASE s.store_type WHEN '便利店' THEN 9000 WHEN '社区超市' THEN 32000 ELSE 110000 END)
           * (0.75 + 0.5 * pg_temp.hu(s.h, 1))
           * (CASE c.city_tier WHEN 1 THEN 1.15 WHEN 2 THEN 1.05 WHEN 3 THEN 0.95 ELSE 0.85 END) AS base_total,
       (CASE s.store_type WHEN '便利店' THEN 1.0 WHEN '社区超市' THEN 2.0 ELSE 3.5 END)
           * (0.8 + 0.4 * pg_temp.hu(s.h, 2)) AS base_orders,
       CASE WHEN s.open_date >= date '2024-01-01'
            THEN least(1.0, 0.6 + 0.4 * (t.day - s.open_date) / 90.0) ELSE 1.0 END AS ramp
FROM tmp_store s
JOIN public.cities c ON c.city_id = s.city_id
JOIN tmp_day t ON t.day >= s.open_date AND (s.close_date IS NULL OR t.day <= s.close_date);

ANALYZE tmp_store, tmp_product, tmp_member, tmp_day, tmp_day_cat, tmp_mix, tmp_store_day;

-- Daily sales per store and level-1 category. sales_amount is after discount.
INSERT INTO public.daily_store_sales
SELECT x.day, x.store_id, x.l1,
       greatest(1, round(x.amount / x.avg_price * (0.92 + 0.16 * pg_temp.hu(x.h, 1))))::int,
       round(x.amount::numeric, 2),
       round((x.amount * x.disc)::numeric, 2),
       round(((x.amount * (1 + x.disc)) * (1 - x.margin + (pg_temp.hu(x.h, 2) - 0.5) * 0.03))::numeric, 2)
FROM (
    SELECT sd.day, sd.store_id, m.l1, m.avg_price, m.margin, h.h,
           sd.base_total * m.share * sd.dow_f * sd.hol_f * dc.season_f * dc.promo_f * sd.growth * sd.ramp
               * (0.85 + 0.30 * pg_temp.hu(h.h, 0)) AS amount,
           0.012 + 0.015 * pg_temp.hu(h.h, 3) + 0.6 * dc.promo_off AS disc
    FROM tmp_store_day sd
    JOIN tmp_mix m ON m.store_type = sd.store_type
    JOIN tmp_day_cat dc ON dc.day = sd.day AND dc.l1 = m.l1
    CROSS JOIN LATERAL (SELECT md5('dss:' || sd.store_id || ':' || sd.day || ':' || m.l1) AS h) AS h
) AS x
ORDER BY x.day, x.store_id, x.l1;

-- Products that can be picked for an order line, by period (before the
-- 2024-05-01 launches / 2024 / 2025 without the 停售 products) and whether the
-- store sells 生鲜; each product repeated by its popularity weight.
CREATE TEMP TABLE tmp_pick ON COMMIT DROP AS
SELECT pe.period, f.fresh_ok,
       row_number() OVER (PARTITION BY pe.period, f.fresh_ok ORDER BY p.product_id, w.k) AS rn,
       p.product_id, p.l1_id, p.unit_price
FROM (VALUES (1, date '2024-01-01'), (2, date '2024-05-01'), (3, date '2025-01-01')) AS pe(period, first_day)
CROSS JOIN (VALUES (false), (true)) AS f(fresh_ok)
JOIN tmp_product p
  ON p.launch_date <= pe.first_day
 AND (p.status = 1 OR pe.period < 3)
 AND (f.fresh_ok OR p.l1_id <> 4)
CROSS JOIN LATERAL generate_series(1, p.weight) AS w(k);

CREATE TEMP TABLE tmp_pick_n ON COMMIT DROP AS
SELECT period, fresh_ok, count(*) AS n FROM tmp_pick GROUP BY period, fresh_ok;

-- Orders per store and day; 1..5 lines each, up to 2 more for higher member
-- levels. Deactivated members (member_id % 97 = 0) are replaced by the previous one.
CREATE TEMP TABLE tmp_order ON COMMIT DROP AS
-- MATERIALIZED: otherwise the inlined CTEs re-evaluate the md5 expressions
-- once per reference.
WITH base AS MATERIALIZED (
    SELECT sd.store_id, sd.store_code, sd.store_type, sd.day, sd.period, sd.members_so_far, g.seq,
           h.h, md5(h.h) AS h2, md5(h.h || 'c') AS hc, md5(h.h || 'm') AS hm
    FROM tmp_store_day sd
    CROSS JOIN LATERAL (SELECT md5('orders:' || sd.store_id || ':' || sd.day) AS hd) AS d
    CROSS JOIN LATERAL generate_series(1,
        floor(sd.base_orders * sd.dow_f * sd.hol_f * sd.growth * sd.ramp
              * (0.6 + 0.8 * pg_temp.hu(d.hd, 0)) + pg_temp.hu(d.hd, 1))::int) AS g(seq)
    CROSS JOIN LATERAL (SELECT md5('order:' || sd.store_id || ':' || sd.day || ':' || g.seq) AS h) AS h
), o AS MATERIALIZED (
    SELECT b.store_id, b.store_code, b.store_type, b.day, b.period, b.seq, b.h, b.h2,
           b.day + time '07:00'
               + floor(960 * (pg_temp.hu(b.h, 0) + pg_temp.hu(b.h, 1)) / 2) * interval '1 minute'
               + floor(pg_temp.hu(b.h, 2) * 60) * interval '1 second' AS order_time,
           CASE WHEN pg_temp.hu(b.h, 3) < 0.65
                THEN 1 + floor(pg_temp.hu(b.hm, 0) * b.members_so_far)::int END AS member_pick,
           CASE WHEN pg_temp.hu(b.hc, 0) < 0.80 THEN '门店'
                WHEN pg_temp.hu(b.hc, 0) < 0.91 THEN '小程序'
                ELSE '外卖' END AS channel,
           CASE WHEN pg_temp.hu(b.hc, 1) < 0.025 THEN 2
                WHEN pg_temp.hu(b.hc, 1) < 0.035 THEN 3
                ELSE 1 END AS order_status,
           1 + floor(power(pg_temp.hu(b.hc, 2), 1.6) * 5)::int AS n_base_lines
    FROM base b
)
SELECT o.store_id, o.store_code, o.store_type, o.day, o.period, o.seq, o.h, o.order_time, o.channel, o.order_status,
       m.member_id,
       CASE WHEN m.member_id IS NOT NULL AND pg_temp.hu(o.h2, 0) < 0.15 THEN 'MEMBER'
            WHEN pg_temp.hu(o.h2, 1) < 0.52 THEN 'WX'
            WHEN pg_temp.hu(o.h2, 1) < 0.79 THEN 'ALIPAY'
            WHEN pg_temp.hu(o.h2, 1) < 0.79 + 0.11 - 0.04 * (o.day - date '2024-01-01') / 546.0
                 AND o.channel = '门店' THEN 'CASH'
            WHEN o.channel = '门店' THEN 'UNIONPAY'
            ELSE 'WX' END AS pay_method_code,
       -- higher member levels put more in the basket
       o.n_base_lines + floor(pg_temp.hu(o.h2, 2)
           + CASE WHEN m.member_id IS NULL THEN 0.0
                  WHEN pg_temp.hu(m.h, 2) < 0.60 THEN 0.0
                  WHEN pg_temp.hu(m.h, 2) < 0.85 THEN 0.3
                  WHEN pg_temp.hu(m.h, 2) < 0.97 THEN 0.8
                  ELSE 1.5 END)::int AS n_lines
FROM o
LEFT JOIN tmp_member m ON m.member_id = o.member_pick - (o.member_pick % 97 = 0)::int;
CREATE TEMP TABLE tmp_order_id ON COMMIT DROP AS
SELECT o.store_id, o.day, o.seq,
       100000 + row_number() OVER (ORDER BY o.order_time, o.store_id, o.seq) AS order_id
FROM tmp_order o;

ANALYZE tmp_pick, tmp_pick_n, tmp_order, tmp_order_id;

CREATE TEMP TABLE tmp_line ON COMMIT DROP AS
SELECT y.*,
       CASE WHEN y.promo_id IS NOT NULL THEN round(y.line_amount * y.promo_off, 2) ELSE 0 END AS discount_amount
FROM (
    SELECT i.order_id, l.line_no, pk.product_id, pk.unit_price,
           1 + floor(power(pg_temp.hu(lh.h, 1), 2)
                     * CASE WHEN pk.unit_price < 10 THEN 4 WHEN pk.unit_price < 40 THEN 2 ELSE 1 END)::int AS quantity,
           CASE WHEN dc.promo_id IS NOT NULL AND pg_temp.hu(lh.h, 2) < 0.6 THEN dc.promo_id END AS promo_id,
           dc.promo_off, lh.h
    FROM tmp_order o
    JOIN tmp_order_id i ON i.store_id = o.store_id AND i.day = o.day AND i.seq = o.seq
    CROSS JOIN LATERAL generate_series(1, o.n_lines) AS l(line_no)
    CROSS JOIN LATERAL (SELECT md5(o.h || ':line:' || l.line_no) AS h) AS lh
    JOIN tmp_pick_n pn ON pn.period = o.period AND pn.fresh_ok = (o.store_type <> '便利店')
    JOIN tmp_pick pk ON pk.period = o.period AND pk.fresh_ok = pn.fresh_ok
                    AND pk.rn = 1 + floor(pg_temp.hu(lh.h, 0) * pn.n)::int
    JOIN tmp_day_cat dc ON dc.day = o.day AND dc.l1 = pk.l1_id
) AS x
CROSS JOIN LATERAL (SELECT x.*, round(x.quantity * x.unit_price, 2) AS line_amount) AS y;

INSERT INTO public.orders
SELECT i.order_id,
       'SO' || to_char(o.day, 'YYYYMMDD') || o.store_code || lpad(o.seq::text, 3, '0'),
       o.store_id, o.member_id, o.order_time, o.channel, o.pay_method_code,
       t.item_count, t.total_amount, t.discount_amount, t.total_amount - t.discount_amount, o.order_status
FROM tmp_order o
JOIN tmp_order_id i ON i.store_id = o.store_id AND i.day = o.day AND i.seq = o.seq
JOIN (
    SELECT order_id, sum(quantity) AS item_count, sum(line_amount) AS total_amount, sum(discount_amount) AS discount_amount
    FROM tmp_line GROUP BY order_id
) AS t ON t.order_id = i.order_id
ORDER BY i.order_id;

INSERT INTO public.order_items
SELECT l.order_id, l.line_no, l.product_id, l.quantity, l.unit_price, l.line_amount, l.discount_amount, l.promo_id
FROM tmp_line l
ORDER BY l.order_id, l.line_no;

-- Month-end stock per store and product. 大卖场 carry every product, the
-- others about 80 %; 便利店 carry no 生鲜 and nothing above 100 元. 停售
-- products are gone from the 2025 snapshots; a few items are out of stock.
INSERT INTO public.inventory_snapshots
SELECT x.snap, x.store_code, x.sku_code,
       CASE WHEN pg_temp.hu(x.h, 1) < 0.03 THEN 0
            ELSE round(x.base * (0.2 + 1.4 * pg_temp.hu(x.h, 0)))::int END AS stock_qty,
       greatest(1, round(x.base * 0.35))::int,
       CASE WHEN pg_temp.hu(x.h, 1) < 0.03 THEN 0
            ELSE round(x.base * (0.2 + 1.4 * pg_temp.hu(x.h, 0))) * x.purchase_price END
FROM (
    SELECT (m - interval '1 day')::date AS snap, s.store_code, p.sku_code, p.purchase_price,
           60 / sqrt(p.unit_price) * CASE s.store_type WHEN '便利店' THEN 0.4 WHEN '社区超市' THEN 1.0 ELSE 3.0 END AS base,
           md5('inv:' || s.store_code || ':' || p.sku_code || ':' || m::date) AS h
    FROM generate_series(date '2024-02-01', date '2025-07-01', interval '1 month') AS m
    JOIN tmp_store s
      ON s.open_date <= (m - interval '1 day')::date
     AND (s.close_date IS NULL OR s.close_date >= (m - interval '1 day')::date)
    JOIN tmp_product p
      ON p.launch_date <= (m - interval '1 day')::date
     AND (p.status = 1 OR m <= date '2025-01-01')
     AND (s.store_type = '大卖场' OR pg_temp.hu(md5('assortment:' || s.store_id || ':' || p.product_id), 0) < 0.8)
     AND (s.store_type <> '便利店' OR (p.l1_id <> 4 AND p.unit_price <= 100))
) AS x
ORDER BY x.snap, x.store_code, x.sku_code;

-- =============================================================================
-- Secondary indexes (after the bulk load)
-- =============================================================================
CREATE INDEX stores_city_id_idx                 ON public.stores (city_id);
CREATE INDEX products_category_id_idx           ON public.products (category_id);
CREATE INDEX orders_store_id_time_idx           ON public.orders (store_id, order_time);
CREATE INDEX orders_member_id_idx               ON public.orders (member_id);
CREATE INDEX orders_order_time_idx              ON public.orders (order_time);
CREATE INDEX order_items_product_id_idx         ON public.order_items (product_id);
CREATE INDEX daily_store_sales_store_id_idx     ON public.daily_store_sales (store_id, sale_date);
CREATE INDEX inventory_snapshots_sku_code_idx   ON public.inventory_snapshots (sku_code, snapshot_date);

COMMIT;

ANALYZE;
