-- =============================================================================
-- highway_db — sample business database (江西高速公路服务区经营数据)
--
-- Used by demos, tests and benchmarks of the NL2SQL training-data service.
--
--   psql -v ON_ERROR_STOP=1 -d highway_db -f deploy/sample/highway_db.sql
--   (or deploy/sample/load.sh, which also creates the database)
--
-- * Idempotent: drops and recreates every table it owns (DROP ... CASCADE, so
--   views a user built on these tables are dropped too). Runs in one
--   transaction: a failure leaves the previous contents untouched.
-- * Deterministic: no random(), no now(); all values derive from md5() of row
--   keys and fixed dates (2024-01-01 .. 2025-06-30), so two loads produce
--   byte-identical tables on any PostgreSQL >= 12.
-- * Only SOME tables/columns carry COMMENTs on purpose: the service is expected
--   to generate the missing ones and keep the existing (Chinese) ones.
-- * Soft delete: every bss_* entity table has audit columns; rows with
--   delete_ts IS NOT NULL are logically deleted (a handful exist in each table,
--   including duplicate fact rows, so queries must filter on delete_ts).
-- =============================================================================

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

BEGIN;

DROP TABLE IF EXISTS
    public.bss_business_day_data,
    public.bss_car_day_count,
    public.bss_section_route_area_link,
    public.bss_service_area_mapper,
    public.bss_branch,
    public.bss_service_area,
    public.bss_section_route,
    public.bss_company,
    public.highway_metadata,
    public.qa_feedback
CASCADE;

-- -----------------------------------------------------------------------------
-- Helper (session-local, disappears when psql exits): the k-th (0..3) 32-bit
-- slice of a md5 hex digest as a uniform number in [0, 1).
-- -----------------------------------------------------------------------------
CREATE FUNCTION pg_temp.hu(h text, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT ('x' || substr(h, 1 + 8 * k, 8))::bit(32)::bigint / 4294967296.0 $$;

-- =============================================================================
-- Schema
-- =============================================================================

CREATE TABLE public.bss_company (
    id            varchar(32)  NOT NULL,
    version       integer      NOT NULL,
    create_ts     timestamp,
    created_by    varchar(50),
    update_ts     timestamp,
    updated_by    varchar(50),
    delete_ts     timestamp,
    deleted_by    varchar(50),
    company_name  varchar(255),
    company_no    varchar(255),
    PRIMARY KEY (id)
);

CREATE TABLE public.bss_service_area (
    id                  varchar(32)  NOT NULL,
    version             integer      NOT NULL,
    create_ts           timestamp,
    created_by          varchar(50),
    update_ts           timestamp,
    updated_by          varchar(50),
    delete_ts           timestamp,
    deleted_by          varchar(50),
    service_area_name   varchar(255),
    service_area_no     varchar(255),
    company_id          varchar(32),
    service_position    varchar(255),
    service_area_type   varchar(50),
    service_state       varchar(50),
    PRIMARY KEY (id),
    CONSTRAINT bss_service_area_no_key UNIQUE (service_area_no),
    CONSTRAINT bss_service_area_company_fk FOREIGN KEY (company_id)
        REFERENCES public.bss_company (id)
);

CREATE TABLE public.bss_branch (
    id               varchar(32)  NOT NULL,
    version          integer      NOT NULL,
    create_ts        timestamp,
    created_by       varchar(50),
    update_ts        timestamp,
    updated_by       varchar(50),
    delete_ts        timestamp,
    deleted_by       varchar(50),
    branch_name      varchar(255),
    branch_no        varchar(255),
    service_area_id  varchar(32),
    company_id       varchar(32),
    classify         varchar(256),
    product_brand    varchar(256),
    PRIMARY KEY (id),
    CONSTRAINT bss_branch_no_key UNIQUE (branch_no),
    CONSTRAINT bss_branch_service_area_fk FOREIGN KEY (service_area_id)
        REFERENCES public.bss_service_area (id),
    CONSTRAINT bss_branch_company_fk FOREIGN KEY (company_id)
        REFERENCES public.bss_company (id)
);

CREATE TABLE public.bss_section_route (
    id            varchar(32)  NOT NULL,
    version       integer      NOT NULL,
    create_ts     timestamp,
    created_by    varchar(50),
    update_ts     timestamp,
    updated_by    varchar(50),
    delete_ts     timestamp,
    deleted_by    varchar(50),
    section_name  varchar(255),
    route_name    varchar(255),
    code          varchar(255),
    PRIMARY KEY (id)
);

-- Pure link table (many-to-many 路段 <-> 服务区): no audit columns.
CREATE TABLE public.bss_section_route_area_link (
    section_route_id  varchar(32)  NOT NULL,
    service_area_id   varchar(32)  NOT NULL,
    PRIMARY KEY (section_route_id, service_area_id),
    CONSTRAINT bss_sral_section_route_fk FOREIGN KEY (section_route_id)
        REFERENCES public.bss_section_route (id),
    CONSTRAINT bss_sral_service_area_fk FOREIGN KEY (service_area_id)
        REFERENCES public.bss_service_area (id)
);

CREATE TABLE public.bss_service_area_mapper (
    id                  varchar(32)  NOT NULL,
    version             integer      NOT NULL,
    create_ts           timestamp,
    created_by          varchar(50),
    update_ts           timestamp,
    updated_by          varchar(50),
    delete_ts           timestamp,
    deleted_by          varchar(50),
    service_name        varchar(255),
    service_no          varchar(255),
    service_area_id     varchar(32),
    source_system_type  varchar(50),
    source_type         integer,
    PRIMARY KEY (id),
    CONSTRAINT bss_service_area_mapper_service_area_fk FOREIGN KEY (service_area_id)
        REFERENCES public.bss_service_area (id)
);

CREATE TABLE public.bss_business_day_data (
    id           varchar(32)    NOT NULL,
    version      integer        NOT NULL,
    create_ts    timestamp,
    created_by   varchar(50),
    update_ts    timestamp,
    updated_by   varchar(50),
    delete_ts    timestamp,
    deleted_by   varchar(50),
    oper_date    date,
    service_no   varchar(255),
    service_name varchar(255),
    branch_no    varchar(255),
    branch_name  varchar(255),
    wx           numeric(19,4),
    wx_order     integer,
    zfb          numeric(19,4),
    zf_order     integer,
    rmb          numeric(19,4),
    rmb_order    integer,
    xs           numeric(19,4),
    xs_order     integer,
    jd           numeric(19,4),
    jd_order     integer,
    order_sum    integer,
    pay_sum      numeric(19,4),
    source_type  integer,
    PRIMARY KEY (id),
    CONSTRAINT bss_business_day_data_service_no_fk FOREIGN KEY (service_no)
        REFERENCES public.bss_service_area (service_area_no),
    CONSTRAINT bss_business_day_data_branch_no_fk FOREIGN KEY (branch_no)
        REFERENCES public.bss_branch (branch_no)
);

CREATE TABLE public.bss_car_day_count (
    id               varchar(32)  NOT NULL,
    version          integer      NOT NULL,
    create_ts        timestamp,
    created_by       varchar(50),
    update_ts        timestamp,
    updated_by       varchar(50),
    delete_ts        timestamp,
    deleted_by       varchar(50),
    car_type         varchar(100),
    count_date       date,
    car_count        bigint,
    service_area_id  varchar(32),
    PRIMARY KEY (id),
    CONSTRAINT bss_car_day_count_service_area_fk FOREIGN KEY (service_area_id)
        REFERENCES public.bss_service_area (id)
);

CREATE TABLE public.highway_metadata (
    id              serial PRIMARY KEY,
    topic_name      varchar(100) NOT NULL,
    description     text,
    related_tables  text[],
    biz_entities    text[],
    biz_metrics     text[],
    created_at      timestamp
);

CREATE TABLE public.qa_feedback (
    id                   serial PRIMARY KEY,
    question             text NOT NULL,
    sql                  text NOT NULL,
    is_thumb_up          boolean NOT NULL,
    user_id              varchar(64) NOT NULL,
    create_time          timestamp NOT NULL,
    is_in_training_data  boolean NOT NULL DEFAULT false,
    update_time          timestamp
);

-- Existing comments (must survive documentation runs). Everything else is
-- deliberately left uncommented.
COMMENT ON TABLE  public.bss_company                 IS '业务支撑系统公司信息表';
COMMENT ON COLUMN public.bss_company.company_name    IS '公司名称';
COMMENT ON COLUMN public.bss_company.company_no      IS '公司编码';
COMMENT ON TABLE  public.bss_service_area            IS '服务区基础信息表';
COMMENT ON COLUMN public.bss_service_area.service_area_name IS '服务区名称';
COMMENT ON COLUMN public.bss_service_area.service_state     IS '服务区状态:开放/关闭/上传数据';
COMMENT ON COLUMN public.bss_business_day_data.wx      IS '微信支付金额(元)';
COMMENT ON COLUMN public.bss_business_day_data.pay_sum IS '当日支付总金额(元)';
COMMENT ON TABLE  public.bss_car_day_count           IS '服务区车辆日统计表';
COMMENT ON COLUMN public.bss_car_day_count.car_type  IS '车辆类别:危化品/城际/过境/其他';

-- =============================================================================
-- Reference data
-- =============================================================================

-- 9 operators + 1 soft-deleted (merged into H03 in 2024).
INSERT INTO public.bss_company
SELECT md5('bss_company:' || c.no),
       CASE WHEN c.n IN (2, 5) THEN 2 ELSE 1 END,
       timestamp '2021-03-01 09:00' + (c.n * interval '3 days 2 hours'),
       'admin',
       CASE WHEN c.n IN (2, 5) THEN timestamp '2023-08-15 10:30' + c.n * interval '1 day' END,
       CASE WHEN c.n IN (2, 5) THEN 'admin' END,
       CASE WHEN c.n = 10 THEN timestamp '2024-04-30 17:20' END,
       CASE WHEN c.n = 10 THEN 'admin' END,
       c.name, c.no
FROM (VALUES
    ( 1, 'H01', '江西交投服务区管理有限公司'),
    ( 2, 'H02', '江西赣粤高速公路服务区经营有限公司'),
    ( 3, 'H03', '江西昌九高速服务区管理有限公司'),
    ( 4, 'H04', '江西景鹰高速服务区经营有限公司'),
    ( 5, 'H05', '赣州高速公路服务区运营有限公司'),
    ( 6, 'H06', '吉安高速公路服务区管理有限公司'),
    ( 7, 'H07', '上饶高速公路服务区经营有限公司'),
    ( 8, 'H08', '九江高速公路服务区管理有限公司'),
    ( 9, 'Q01', '江西驿美服务区商业管理有限公司'),
    (10, 'H09', '江西昌泰高速服务区有限公司')
) AS c(n, no, name);

INSERT INTO public.bss_section_route
SELECT md5('bss_section_route:' || s.n),
       1,
       timestamp '2021-05-10 10:00' + s.n * interval '7 hours',
       'admin', NULL, NULL,
       CASE WHEN s.n = 30 THEN timestamp '2024-11-05 16:00' END,
       CASE WHEN s.n = 30 THEN 'admin' END,
       s.section_name, s.route_name, s.code
FROM (VALUES
    ( 1, '昌九段',         'G70福银高速',     'G70-JX01'),
    ( 2, '昌抚段',         'G70福银高速',     'G70-JX02'),
    ( 3, '抚南段',         'G70福银高速',     'G70-JX03'),
    ( 4, '南城至闽赣界段', 'G70福银高速',     'G70-JX04'),
    ( 5, '梨温段',         'G60沪昆高速',     'G60-JX01'),
    ( 6, '温厚段',         'G60沪昆高速',     'G60-JX02'),
    ( 7, '昌樟段',         'G60沪昆高速',     'G60-JX03'),
    ( 8, '昌金段',         'G60沪昆高速',     'G60-JX04'),
    ( 9, '樟吉段',         'G45大广高速',     'G45-JX01'),
    (10, '吉安段',         'G45大广高速',     'G45-JX02'),
    (11, '泰赣段',         'G45大广高速',     'G45-JX03'),
    (12, '赣定段',         'G45大广高速',     'G45-JX04'),
    (13, '景鹰段',         'G35济广高速',     'G35-JX01'),
    (14, '鹰瑞段',         'G35济广高速',     'G35-JX02'),
    (15, '瑞寻段',         'G35济广高速',     'G35-JX03'),
    (16, '九景段',         'G56杭瑞高速',     'G56-JX01'),
    (17, '景婺黄段',       'G56杭瑞高速',     'G56-JX02'),
    (18, '武吉段',         'G56杭瑞高速',     'G56-JX03'),
    (19, '瑞赣段',         'G76厦蓉高速',     'G76-JX01'),
    (20, '赣崇段',         'G76厦蓉高速',     'G76-JX02'),
    (21, '吉莲段',         'G72泉南高速',     'G72-JX01'),
    (22, '泰井段',         'G72泉南高速',     'G72-JX02'),
    (23, '南昌绕城段',     'G6001南昌绕城高速', 'G6001-JX01'),
    (24, '九江绕城段',     'G70福银高速',     'G70-JX05'),
    (25, '昌宁段',         'G0421许广高速',   'G0421-JX01'),
    (26, '昌铜段',         'S36昌铜高速',     'S36-JX01'),
    (27, '抚吉段',         'S46抚吉高速',     'S46-JX01'),
    (28, '德昌段',         'S26德昌高速',     'S26-JX01'),
    (29, '宁定段',         'G0422武深高速',   'G0422-JX01'),
    (30, '上武段',         'G0321德上高速',   'G0321-JX01')
) AS s(n, section_name, route_name, code);

-- Service areas: 42 live (2 closed in 2025, 2 still "uploading data") + 2
-- soft-deleted. Positions are approximate real coordinates with a small
-- deterministic jitter; areas 1..42 are the ones with facts.
CREATE TEMP TABLE tmp_area ON COMMIT DROP AS
SELECT a.n, a.name || '服务区' AS name, '1' || lpad(a.n::text, 3, '0') AS no, a.company_no,
       a.lat, a.lng, a.sec1, a.sec2,
       CASE WHEN a.n IN (3, 38) THEN '关闭'
            WHEN a.n IN (29, 42) THEN '上传数据'
            WHEN a.n > 42 THEN '关闭'
            ELSE '开放' END AS state,
       CASE WHEN a.n % 4 = 0 OR a.n IN (1, 7, 18, 24) THEN '智能化服务区' ELSE '信息化服务区' END AS area_type,
       md5('bss_service_area:' || a.n) AS id,
       md5('area-profile:' || a.n) AS h
FROM (VALUES
    ( 1, '庐山',     'H08', 29.553, 115.992,  1, NULL),
    ( 2, '九江',     'H08', 29.702, 116.001, 24,   16),
    ( 3, '湖口',     'H08', 29.731, 116.252, 16, NULL),
    ( 4, '瑞昌',     'H08', 29.676, 115.669, 18, NULL),
    ( 5, '德安',     'H03', 29.327, 115.757,  1, NULL),
    ( 6, '永修',     'H03', 29.021, 115.809,  1, NULL),
    ( 7, '昌北',     'H03', 28.772, 115.882,  1,   23),
    ( 8, '南昌西',   'H01', 28.662, 115.781, 23,    8),
    ( 9, '进贤',     'Q01', 28.377, 116.241,  6, NULL),
    (10, '樟树',     'H02', 28.055, 115.541,  7, NULL),
    (11, '丰城',     'H02', 28.159, 115.771,  7, NULL),
    (12, '高安',     'H02', 28.417, 115.375,  8, NULL),
    (13, '宜春',     'H02', 27.804, 114.388,  8, NULL),
    (14, '新余',     'H02', 27.818, 114.917,  8, NULL),
    (15, '萍乡',     'H02', 27.623, 113.854,  8, NULL),
    (16, '新干',     'H06', 27.741, 115.393,  9, NULL),
    (17, '峡江',     'H06', 27.582, 115.317,  9, NULL),
    (18, '吉安',     'H06', 27.113, 114.993, 10,   21),
    (19, '永丰',     'H06', 27.318, 115.441, 27, NULL),
    (20, '泰和',     'H06', 26.790, 114.901, 11, NULL),
    (21, '井冈山',   'H06', 26.748, 114.289, 22, NULL),
    (22, '万安',     'H06', 26.458, 114.786, 11, NULL),
    (23, '南康',     'H05', 25.661, 114.765, 11, NULL),
    (24, '赣州',     'H05', 25.831, 114.933, 11,   19),
    (25, '信丰',     'H05', 25.386, 114.922, 12, NULL),
    (26, '龙南',     'H05', 24.911, 114.789, 12, NULL),
    (27, '定南',     'H05', 24.784, 115.027, 12, NULL),
    (28, '于都',     'H05', 25.952, 115.415, 19, NULL),
    (29, '大余',     'H05', 25.401, 114.362, 20, NULL),
    (30, '瑞金',     'H05', 25.885, 116.027, 19,   15),
    (31, '上饶',     'H07', 28.454, 117.943,  5,   30),
    (32, '玉山',     'H07', 28.682, 118.245,  5, NULL),
    (33, '弋阳',     'H07', 28.402, 117.449,  5, NULL),
    (34, '婺源',     'H07', 29.248, 117.861, 17, NULL),
    (35, '鹰潭',     'H04', 28.260, 117.069,  6,   14),
    (36, '贵溪',     'H04', 28.292, 117.212,  6, NULL),
    (37, '景德镇',   'H04', 29.268, 117.178, 13,   16),
    (38, '乐平',     'H04', 28.962, 117.129, 13, NULL),
    (39, '抚州',     'H01', 27.948, 116.358,  2,   27),
    (40, '南城',     'H01', 27.554, 116.637,  3, NULL),
    (41, '南丰',     'Q01', 27.218, 116.532, 14, NULL),
    (42, '广昌',     'H01', 26.838, 116.327, 14, NULL),
    (43, '鄱阳',     'H07', 28.993, 116.703, 16, NULL),
    (44, '昌北旧址', 'H03', 28.781, 115.874,  1, NULL)
) AS a(n, name, company_no, lat, lng, sec1, sec2);

INSERT INTO public.bss_service_area
SELECT a.id,
       CASE WHEN a.state <> '开放' THEN 2 ELSE 1 END,
       timestamp '2021-06-01 09:00' + a.n * interval '1 day 3 hours',
       'admin',
       CASE WHEN a.state <> '开放' AND a.n <= 42 THEN timestamp '2025-01-02 09:30' + a.n * interval '1 hour' END,
       CASE WHEN a.state <> '开放' AND a.n <= 42 THEN 'admin' END,
       CASE WHEN a.n > 42 THEN timestamp '2023-12-20 15:00' + a.n * interval '2 days' END,
       CASE WHEN a.n > 42 THEN 'admin' END,
       a.name, a.no, md5('bss_company:' || a.company_no),
       to_char(a.lat + (pg_temp.hu(a.h, 0) - 0.5) * 0.01, 'FM990.000000') || ',' ||
       to_char(a.lng + (pg_temp.hu(a.h, 1) - 0.5) * 0.01, 'FM990.000000'),
       a.area_type, a.state
FROM tmp_area a
ORDER BY a.n;

-- Two branches per area: 东区/西区 on north-south routes, 南区/北区 otherwise.
CREATE TEMP TABLE tmp_branch ON COMMIT DROP AS
SELECT a.n AS area_n, s.side, a.id AS area_id, a.no AS area_no, a.name AS area_name,
       a.company_no, a.state, a.h AS area_h,
       replace(a.name, '服务区', '') || '服务区' ||
           CASE WHEN a.sec1 IN (1, 9, 10, 11, 12, 13, 14, 15, 24, 25, 29)
                THEN (ARRAY['东区', '西区'])[s.side]
                ELSE (ARRAY['南区', '北区'])[s.side] END AS name,
       a.no || lpad(s.side::text, 2, '0') AS no,
       md5('bss_branch:' || a.n || ':' || s.side) AS id
FROM tmp_area a
CROSS JOIN generate_series(1, 2) AS s(side);

INSERT INTO public.bss_branch
SELECT b.id,
       1 + (b.area_n + b.side) % 3,
       timestamp '2021-06-15 10:00' + b.area_n * interval '1 day 3 hours' + b.side * interval '5 minutes',
       'admin',
       CASE WHEN (b.area_n + b.side) % 3 > 0 THEN timestamp '2023-03-01 11:00' + (b.area_n * 2 + b.side) * interval '1 day' END,
       CASE WHEN (b.area_n + b.side) % 3 > 0 THEN 'admin' END,
       CASE WHEN b.area_n > 42 THEN timestamp '2023-12-20 15:05' + b.area_n * interval '2 days' END,
       CASE WHEN b.area_n > 42 THEN 'admin' END,
       b.name, b.no, b.area_id, md5('bss_company:' || b.company_no),
       (ARRAY['综合', '餐饮', '便利店', '综合'])[1 + (b.area_n * 3 + b.side) % 4],
       (ARRAY['驿美自营', '赣味小厨', '易捷便利店', '老乡鸡', '驿美自营', '美宜佳', '赣菜馆', '驿美自营'])
           [1 + (b.area_n * 5 + b.side * 3) % 8]
FROM tmp_branch b
ORDER BY b.area_n, b.side;

-- One extra, soft-deleted branch inside a live area (a closed "中区" kiosk).
INSERT INTO public.bss_branch
SELECT md5('bss_branch:18:3'), 2, timestamp '2022-04-01 10:00', 'admin',
       timestamp '2024-06-30 18:00', 'admin', timestamp '2024-06-30 18:00', 'admin',
       '吉安服务区中区', '101803', md5('bss_service_area:18'), md5('bss_company:H06'),
       '便利店', '易捷便利店';

INSERT INTO public.bss_section_route_area_link
SELECT DISTINCT md5('bss_section_route:' || x.sec), a.id
FROM tmp_area a
CROSS JOIN LATERAL (VALUES (a.sec1), (a.sec2)) AS x(sec)
WHERE x.sec IS NOT NULL
ORDER BY 1, 2;

-- Source-system mapping: every area is known to 驿美 (source_type 1) under its
-- own number; every third area also reports through 驿购 (source_type 2) under a
-- different number and name variant.
INSERT INTO public.bss_service_area_mapper
SELECT md5('bss_service_area_mapper:' || m.sys || ':' || a.n),
       1,
       timestamp '2022-01-10 09:00' + a.n * interval '6 hours' + m.source_type * interval '200 days',
       'system', NULL, NULL,
       CASE WHEN a.n > 42 THEN timestamp '2023-12-20 15:10' + a.n * interval '2 days' END,
       CASE WHEN a.n > 42 THEN 'admin' END,
       CASE WHEN m.source_type = 1 THEN a.name ELSE '江西' || a.name END,
       CASE WHEN m.source_type = 1 THEN a.no ELSE 'YG' || lpad((3000 + a.n * 7)::text, 6, '0') END,
       a.id, m.sys, m.source_type
FROM tmp_area a
JOIN (VALUES ('驿美', 1), ('驿购', 2)) AS m(sys, source_type)
  ON m.source_type = 1 OR (a.n % 3 = 0 AND a.n <= 42)
ORDER BY a.n, m.source_type;

-- =============================================================================
-- Facts: 2024-01-01 .. 2025-06-30 (547 days)
-- =============================================================================

-- Calendar with day-of-week, holiday and trend factors.
--   rev  : revenue multiplier        pax : passenger traffic (城际/过境/其他)
--   haz  : 危化品 traffic (restricted on holidays)
CREATE TEMP TABLE tmp_day ON COMMIT DROP AS
SELECT d::date AS day,
       (CASE extract(isodow FROM d)::int WHEN 5 THEN 1.10 WHEN 6 THEN 1.30 WHEN 7 THEN 1.25 ELSE 1.0 END)
         * coalesce(h.rev, 1.0)
         * (CASE WHEN extract(month FROM d) IN (7, 8) THEN 1.15
                 WHEN extract(month FROM d) IN (1, 2) THEN 0.95 ELSE 1.0 END)
         * (1 + 0.06 * (d::date - date '2024-01-01') / 365.0) AS rev,
       (CASE extract(isodow FROM d)::int WHEN 5 THEN 1.12 WHEN 6 THEN 1.25 WHEN 7 THEN 1.22 ELSE 1.0 END)
         * coalesce(h.pax, 1.0)
         * (CASE WHEN extract(month FROM d) IN (7, 8) THEN 1.12 ELSE 1.0 END)
         * (1 + 0.05 * (d::date - date '2024-01-01') / 365.0) AS pax,
       (CASE extract(isodow FROM d)::int WHEN 6 THEN 0.7 WHEN 7 THEN 0.6 ELSE 1.0 END)
         * coalesce(h.haz, 1.0) AS haz
FROM generate_series(date '2024-01-01', date '2025-06-30', interval '1 day') AS d
LEFT JOIN (VALUES
    -- first day, last day, revenue, passenger traffic, hazardous goods
    (date '2024-01-01', date '2024-01-01', 1.25, 1.30, 0.8),   -- 元旦
    (date '2024-02-10', date '2024-02-17', 1.70, 2.00, 0.3),   -- 春节 (小客车免费)
    (date '2024-04-04', date '2024-04-06', 1.40, 1.70, 0.6),   -- 清明 (免费)
    (date '2024-05-01', date '2024-05-05', 1.60, 1.90, 0.5),   -- 劳动节 (免费)
    (date '2024-06-08', date '2024-06-10', 1.25, 1.30, 0.8),   -- 端午
    (date '2024-09-15', date '2024-09-17', 1.25, 1.30, 0.8),   -- 中秋
    (date '2024-10-01', date '2024-10-07', 1.90, 2.20, 0.4),   -- 国庆 (免费)
    (date '2025-01-01', date '2025-01-01', 1.25, 1.30, 0.8),   -- 元旦
    (date '2025-01-28', date '2025-02-04', 1.70, 2.00, 0.3),   -- 春节 (免费)
    (date '2025-04-04', date '2025-04-06', 1.40, 1.70, 0.6),   -- 清明 (免费)
    (date '2025-05-01', date '2025-05-05', 1.60, 1.90, 0.5),   -- 劳动节 (免费)
    (date '2025-05-31', date '2025-06-02', 1.25, 1.30, 0.8)    -- 端午
) AS h(d1, d2, rev, pax, haz) ON d BETWEEN h.d1 AND h.d2;

-- Days on which an area has data: closed areas stop at 2024-12-31, areas still
-- "uploading data" start at 2025-03-01, soft-deleted areas have none.
CREATE TEMP TABLE tmp_area_day ON COMMIT DROP AS
SELECT a.n, a.id, a.no, a.name, a.h,
       0.55 + 1.0 * pg_temp.hu(a.h, 2) AS scale,     -- area size
       t.day, t.rev, t.pax, t.haz
FROM tmp_area a
JOIN tmp_day t
  ON a.n <= 42
 AND (a.state <> '关闭'   OR t.day <= date '2024-12-31')
 AND (a.state <> '上传数据' OR t.day >= date '2025-03-01');

-- Temp tables are never auto-analyzed; without stats the joins below go nested-loop.
ANALYZE tmp_area, tmp_branch, tmp_day, tmp_area_day;

-- Daily revenue per branch. Shares: 微信 > 支付宝 > 现金 > 行吧 > 金豆;
-- pay_sum / order_sum are the exact sums of the parts.
CREATE TEMP TABLE tmp_bdd ON COMMIT DROP AS
-- MATERIALIZED: otherwise the inlined CTEs re-evaluate the md5 expressions
-- once per reference (several times slower).
WITH base AS MATERIALIZED (
    SELECT b.id AS branch_id, b.no AS branch_no, b.name AS branch_name,
           ad.no AS service_no, ad.name AS service_name, ad.n AS area_n, ad.day,
           md5('bdd:' || b.no || ':' || ad.day) AS h,
           -- per-branch base 9k..33k yuan/day, times area size and calendar
           (9000 + 24000 * pg_temp.hu(md5('branch-profile:' || b.no), 0)) * ad.scale * ad.rev AS total,
           28 + 14 * pg_temp.hu(md5('branch-profile:' || b.no), 1) AS ticket,
           pg_temp.hu(md5('branch-profile:' || b.no), 2) < 0.15 AS no_jd
    FROM tmp_branch b
    JOIN tmp_area_day ad ON ad.n = b.area_n
), amt AS MATERIALIZED (
    SELECT base.*,
           total * (0.85 + 0.30 * pg_temp.hu(h, 0)) AS t
    FROM base
), parts AS MATERIALIZED (
    SELECT amt.*,
           round((t * (0.50 + 0.08 * pg_temp.hu(h, 1)))::numeric, 2) AS wx,
           round((t * (0.22 + 0.06 * pg_temp.hu(h, 2)))::numeric, 2) AS zfb,
           round((t * (0.08 + 0.05 * pg_temp.hu(h, 3)))::numeric, 2) AS rmb,
           round((t * (0.03 + 0.04 * pg_temp.hu(md5(h), 0)))::numeric, 2) AS xs,
           CASE WHEN no_jd THEN 0.00
                ELSE round((t * (0.005 + 0.02 * pg_temp.hu(md5(h), 1)))::numeric, 2) END AS jd
    FROM amt
)
SELECT p.*,
       greatest(1, round(wx  / (ticket * 0.95)))::int AS wx_order,
       greatest(1, round(zfb / (ticket * 1.05)))::int AS zf_order,
       greatest(1, round(rmb / (ticket * 0.80)))::int AS rmb_order,
       greatest(1, round(xs  / (ticket * 1.20)))::int AS xs_order,
       CASE WHEN jd = 0 THEN 0 ELSE greatest(1, round(jd / (ticket * 0.60)))::int END AS jd_order
FROM parts p;

INSERT INTO public.bss_business_day_data
SELECT md5('bss_business_day_data:' || d.branch_no || ':' || d.day),
       1,
       d.day + interval '1 day 2 hours' + floor(pg_temp.hu(md5(d.h), 2) * 180) * interval '1 minute',
       'etl',
       NULL, NULL, NULL, NULL,
       d.day, d.service_no, d.service_name, d.branch_no, d.branch_name,
       d.wx, d.wx_order, d.zfb, d.zf_order, d.rmb, d.rmb_order,
       d.xs, d.xs_order, d.jd, d.jd_order,
       d.wx_order + d.zf_order + d.rmb_order + d.xs_order + d.jd_order,
       d.wx + d.zfb + d.rmb + d.xs + d.jd,
       CASE WHEN d.area_n % 3 = 0 AND d.day >= date '2025-01-01' THEN 2 ELSE 1 END
FROM tmp_bdd d
ORDER BY d.day, d.branch_no;

-- A handful of erroneous duplicate uploads, later soft-deleted (queries that
-- forget "delete_ts IS NULL" double-count these days).
INSERT INTO public.bss_business_day_data
SELECT md5('bss_business_day_data:dup:' || d.branch_no || ':' || d.day),
       2,
       d.day + interval '1 day 1 hour',
       'etl',
       d.day + interval '2 days 9 hours', 'admin',
       d.day + interval '2 days 9 hours', 'admin',
       d.day, d.service_no, d.service_name, d.branch_no, d.branch_name,
       round(d.wx * 0.9, 2), d.wx_order, d.zfb, d.zf_order, d.rmb, d.rmb_order,
       d.xs, d.xs_order, d.jd, d.jd_order,
       d.wx_order + d.zf_order + d.rmb_order + d.xs_order + d.jd_order,
       round(d.wx * 0.9, 2) + d.zfb + d.rmb + d.xs + d.jd,
       1
FROM tmp_bdd d
WHERE pg_temp.hu(md5(d.h), 3) < 0.00025
ORDER BY d.day, d.branch_no;

-- Vehicles per area, day and type. 过境 > 城际 > 其他 > 危化品.
CREATE TEMP TABLE tmp_car ON COMMIT DROP AS
SELECT x.area_id, x.area_no, x.day, x.car_type, x.k, x.h,
       round(x.base * (0.88 + 0.24 * pg_temp.hu(x.h, 0)))::bigint AS car_count
FROM (
    SELECT ad.id AS area_id, ad.no AS area_no, ad.day, c.car_type, c.k,
           md5('car:' || ad.no || ':' || ad.day || ':' || c.k) AS h,
           -- 2.2k..7.4k vehicles/day before area size and calendar factors
           (2200 + 5200 * pg_temp.hu(ad.h, 3)) * ad.scale * c.share
               * CASE WHEN c.car_type = '危化品' THEN ad.haz ELSE ad.pax END AS base
    FROM tmp_area_day ad
    CROSS JOIN (VALUES (1, '过境', 0.52), (2, '城际', 0.30), (3, '其他', 0.14), (4, '危化品', 0.025))
        AS c(k, car_type, share)
) AS x;

INSERT INTO public.bss_car_day_count
SELECT md5('bss_car_day_count:' || c.area_no || ':' || c.day || ':' || c.k),
       1,
       c.day + interval '1 day 1 hour' + floor(pg_temp.hu(c.h, 1) * 120) * interval '1 minute',
       'etl',
       NULL, NULL, NULL, NULL,
       c.car_type, c.day, c.car_count, c.area_id
FROM tmp_car c
ORDER BY c.day, c.area_no, c.k;

INSERT INTO public.bss_car_day_count
SELECT md5('bss_car_day_count:dup:' || c.area_no || ':' || c.day || ':' || c.k),
       2,
       c.day + interval '1 day 30 minutes', 'etl',
       c.day + interval '3 days 10 hours', 'admin',
       c.day + interval '3 days 10 hours', 'admin',
       c.car_type, c.day, c.car_count * 2, c.area_id
FROM tmp_car c
WHERE pg_temp.hu(c.h, 2) < 0.0001
ORDER BY c.day, c.area_no, c.k;

-- =============================================================================
-- Non-bss tables
-- =============================================================================

INSERT INTO public.highway_metadata (topic_name, description, related_tables, biz_entities, biz_metrics, created_at)
VALUES
    ('日营业数据分析', '按服务区、档口和日期统计的营业额与订单数,支持按支付方式拆分分析',
     ARRAY['bss_business_day_data', 'bss_branch', 'bss_service_area'],
     ARRAY['服务区', '档口', '支付方式'], ARRAY['营业额', '订单数', '客单价', '支付方式占比'],
     timestamp '2025-06-01 10:00'),
    ('车流量分析', '各服务区每日分车型的车流量统计与趋势分析',
     ARRAY['bss_car_day_count', 'bss_service_area'],
     ARRAY['服务区', '车辆类别'], ARRAY['车流量', '车型占比', '同比增长率'],
     timestamp '2025-06-01 10:05'),
    ('公司经营分析', '各管理公司下辖服务区的营业额与车流量对比',
     ARRAY['bss_company', 'bss_service_area', 'bss_business_day_data', 'bss_car_day_count'],
     ARRAY['管理公司', '服务区'], ARRAY['营业额', '车流量', '服务区数量'],
     timestamp '2025-06-01 10:10'),
    ('路段服务区分布', '高速路段与服务区的关联关系及沿线服务区经营情况',
     ARRAY['bss_section_route', 'bss_section_route_area_link', 'bss_service_area'],
     ARRAY['路段', '路线', '服务区'], ARRAY['服务区数量', '路段营业额'],
     timestamp '2025-06-01 10:15'),
    ('节假日经营分析', '春节、国庆等节假日期间服务区营业额与车流量变化',
     ARRAY['bss_business_day_data', 'bss_car_day_count'],
     ARRAY['节假日', '服务区'], ARRAY['节假日营业额', '环比增长率', '车流高峰'],
     timestamp '2025-06-01 10:20'),
    ('支付方式分析', '微信、支付宝、现金、行吧、金豆五种支付方式的金额与订单结构',
     ARRAY['bss_business_day_data'],
     ARRAY['支付方式'], ARRAY['支付金额', '支付笔数', '占比'],
     timestamp '2025-06-01 10:25'),
    ('数据源映射', '外部业务系统(驿美、驿购)中的服务区编码与本系统服务区的映射关系',
     ARRAY['bss_service_area_mapper', 'bss_service_area'],
     ARRAY['来源系统', '服务区'], ARRAY['映射数量'],
     timestamp '2025-06-01 10:30'),
    ('档口经营分析', '服务区东西区、南北区档口的业态、品牌和营业额排名',
     ARRAY['bss_branch', 'bss_business_day_data'],
     ARRAY['档口', '业态', '品牌'], ARRAY['营业额', '订单数', '排名'],
     timestamp '2025-06-01 10:35');

-- 320 feedback rows built from question templates x areas x months.
INSERT INTO public.qa_feedback (question, sql, is_thumb_up, user_id, create_time, is_in_training_data, update_time)
SELECT replace(replace(t.q, '{area}', a.name), '{month}', m.label),
       replace(replace(replace(t.s, '{area}', a.name), '{m1}', m.m1::text), '{m2}', (m.m1 + interval '1 month')::date::text),
       pg_temp.hu(x.h, 0) < 0.78,
       'user_' || lpad((1 + floor(pg_temp.hu(x.h, 1) * 12))::int::text, 3, '0'),
       timestamp '2025-04-01 08:00' + floor(pg_temp.hu(x.h, 2) * 91 * 24 * 60) * interval '1 minute',
       pg_temp.hu(x.h, 0) < 0.78 AND pg_temp.hu(x.h, 3) < 0.5,
       CASE WHEN pg_temp.hu(x.h, 3) < 0.6
            THEN timestamp '2025-04-01 08:00' + floor(pg_temp.hu(x.h, 2) * 91 * 24 * 60) * interval '1 minute'
                 + (1 + floor(pg_temp.hu(md5(x.h), 0) * 72)) * interval '1 hour' END
FROM generate_series(1, 320) AS g(i)
CROSS JOIN LATERAL (SELECT md5('qa_feedback:' || g.i) AS h) AS x
JOIN (VALUES
    (0, '{area}{month}的营业总额是多少?',
        'SELECT SUM(pay_sum) AS 营业总额 FROM bss_business_day_data WHERE service_name = ''{area}'' AND oper_date >= ''{m1}'' AND oper_date < ''{m2}'' AND delete_ts IS NULL;'),
    (1, '{area}{month}微信支付金额和订单数分别是多少?',
        'SELECT SUM(wx) AS 微信金额, SUM(wx_order) AS 微信订单数 FROM bss_business_day_data WHERE service_name = ''{area}'' AND oper_date >= ''{m1}'' AND oper_date < ''{m2}'' AND delete_ts IS NULL;'),
    (2, '{area}{month}各车型车流量是多少?',
        'SELECT c.car_type AS 车型, SUM(c.car_count) AS 车流量 FROM bss_car_day_count c JOIN bss_service_area a ON a.id = c.service_area_id WHERE a.service_area_name = ''{area}'' AND c.count_date >= ''{m1}'' AND c.count_date < ''{m2}'' AND c.delete_ts IS NULL GROUP BY c.car_type ORDER BY 车流量 DESC;'),
    (3, '{area}{month}哪个档口营业额最高?',
        'SELECT branch_name AS 档口, SUM(pay_sum) AS 营业额 FROM bss_business_day_data WHERE service_name = ''{area}'' AND oper_date >= ''{m1}'' AND oper_date < ''{m2}'' AND delete_ts IS NULL GROUP BY branch_name ORDER BY 营业额 DESC LIMIT 1;'),
    (4, '{area}{month}日均客单价是多少?',
        'SELECT ROUND(SUM(pay_sum) / NULLIF(SUM(order_sum), 0), 2) AS 客单价 FROM bss_business_day_data WHERE service_name = ''{area}'' AND oper_date >= ''{m1}'' AND oper_date < ''{m2}'' AND delete_ts IS NULL;'),
    (5, '{area}属于哪家公司管理?',
        'SELECT c.company_name AS 公司名称 FROM bss_service_area a JOIN bss_company c ON c.id = a.company_id WHERE a.service_area_name = ''{area}'' AND a.delete_ts IS NULL;'),
    (6, '{area}{month}危化品车辆有多少辆?',
        'SELECT SUM(c.car_count) AS 危化品车辆数 FROM bss_car_day_count c JOIN bss_service_area a ON a.id = c.service_area_id WHERE a.service_area_name = ''{area}'' AND c.car_type = ''危化品'' AND c.count_date >= ''{m1}'' AND c.count_date < ''{m2}'' AND c.delete_ts IS NULL;'),
    (7, '{area}位于哪些路段?',
        'SELECT r.section_name AS 路段, r.route_name AS 路线 FROM bss_section_route r JOIN bss_section_route_area_link l ON l.section_route_id = r.id JOIN bss_service_area a ON a.id = l.service_area_id WHERE a.service_area_name = ''{area}'' AND r.delete_ts IS NULL;')
) AS t(k, q, s) ON t.k = g.i % 8
JOIN tmp_area a ON a.n = 1 + floor(pg_temp.hu(md5(x.h), 1) * 42)::int
JOIN (
    SELECT k, to_char(m, 'YYYY"年"FMMM"月"') AS label, m::date AS m1
    FROM generate_series(date '2024-01-01', date '2025-06-01', interval '1 month') WITH ORDINALITY AS s(m, k)
) AS m ON m.k = 1 + floor(pg_temp.hu(md5(x.h), 2) * 18)::int
ORDER BY g.i;

-- =============================================================================
-- Secondary indexes (after the bulk load: cheaper than maintaining them row by row)
-- =============================================================================
CREATE INDEX bss_service_area_company_id_idx         ON public.bss_service_area (company_id);
CREATE INDEX bss_branch_service_area_id_idx          ON public.bss_branch (service_area_id);
CREATE INDEX bss_branch_company_id_idx               ON public.bss_branch (company_id);
CREATE INDEX bss_sral_service_area_id_idx            ON public.bss_section_route_area_link (service_area_id);
CREATE INDEX bss_service_area_mapper_area_id_idx     ON public.bss_service_area_mapper (service_area_id);
CREATE INDEX bss_business_day_data_oper_date_idx     ON public.bss_business_day_data (oper_date);
CREATE INDEX bss_business_day_data_branch_no_idx     ON public.bss_business_day_data (branch_no, oper_date);
CREATE INDEX bss_business_day_data_service_no_idx    ON public.bss_business_day_data (service_no, oper_date);
CREATE INDEX bss_car_day_count_area_date_idx         ON public.bss_car_day_count (service_area_id, count_date);
CREATE INDEX bss_car_day_count_count_date_idx        ON public.bss_car_day_count (count_date);
CREATE INDEX qa_feedback_create_time_idx             ON public.qa_feedback (create_time);

COMMIT;

ANALYZE;
