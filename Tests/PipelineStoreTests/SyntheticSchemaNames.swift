/// Column and table names of business schemas the project has never seen, across domains, with abbreviations,
/// units, camelCase, pinyin, plurals and words no glossary knows (the comment scan's input).
enum SyntheticSchemaNames {
    static let columns: [String] = (retail + orders + payments + inventory + members + hr + finance + logistics
        + traffic + manufacturing + healthcare + education + system + unknown + mixed + otherDomains)

    static let tables = [
        "customers", "customer_orders", "order_items", "order_line", "payments", "payment_methods", "refunds",
        "products", "product_categories", "skus", "stores", "store_inventory", "stock_movements", "warehouses",
        "suppliers", "purchase_orders", "members", "member_points_log", "coupons", "promotions", "employees",
        "departments", "payroll_runs", "attendance_records", "leave_requests", "gl_journal_entries", "invoices",
        "accounts_receivable", "loans", "loan_repayments", "shipments", "carriers", "waybills", "delivery_routes",
        "toll_transactions", "traffic_flow_hourly", "vehicles", "parking_lots", "work_orders", "bom_items",
        "machines", "machine_downtime", "quality_checks", "patients", "outpatient_visits", "prescriptions",
        "lab_results", "students", "courses", "enrollments", "exam_scores", "sys_user", "sys_role_menu",
        "audit_log", "etl_batch", "dim_date", "fact_sales_daily", "ods_crm_contact", "tbl_xyzzy", "foo_bar_map",
        "wibble", "t_gizmo_widget_rel", "vw_sales_summary", "mv_monthly_kpi", "CustomerAddress", "OrderHeader",
        "InvoiceLine", "bss_service_area_mapper", "qa_feedback", "highway_metadata", "config_params", "dict_items",
        "region_hierarchy", "price_history", "exchange_rates", "tax_rates", "fx_snapshot",
    ]

    static let retail = [
        "store_id", "store_name", "store_code", "floor_sqft", "area_sqm", "open_date", "close_date", "region_cd",
        "district_mgr", "last_audit_dt", "is_flagship", "manager_name", "phone_no", "addr_line1", "addr_line2",
        "city", "province", "zip_code", "lat", "lng", "store_type", "opening_hours", "sales_target", "sales_actual",
        "gmv", "sku_cnt", "brand_name", "prod_cat", "unit_price", "list_price", "cost_price", "margin_pct",
        "discount_rate", "promo_code", "barcode", "upc", "shelf_life_days", "weight_kg", "net_weight", "gross_weight",
        "color", "size", "spec", "is_on_sale", "launch_date", "retail_price",
    ]

    static let orders = [
        "order_id", "order_no", "order_date", "order_status", "order_total", "order_amt", "total_amount", "subtotal",
        "tax_amount", "shipping_fee", "freight_amt", "discount_amt", "coupon_amt", "paid_amount", "refund_amt",
        "qty", "quantity", "line_no", "item_qty", "item_price", "num_of_items", "cust_id", "cust_name",
        "customer_email", "ship_to_addr", "bill_to_addr", "ship_dt", "delivered_at", "cancelled_at", "cancel_reason",
        "return_qty", "is_gift", "gift_msg", "channel", "source_platform", "device_type", "ip_addr", "remark",
        "createdAt", "updatedAt", "OrderStatus", "TotalPrice", "wx_order", "zf_order",
    ]

    static let payments = [
        "pay_method", "payment_method", "pay_channel", "pay_time", "pay_status", "trade_no", "txn_id", "txn_amt",
        "settle_method", "settle_date", "settled_amt", "fee_rate", "merchant_no", "terminal_id", "card_no",
        "card_type", "bank_name", "bank_code", "currency", "fx_rate", "amount_usd", "amount_cny", "price_usd",
        "refund_status", "refund_reason", "is_refunded", "wx", "zfb", "rmb", "co_pay_sum", "pay_sum", "order_sum",
    ]

    static let inventory = [
        "stock_qty", "stock_qty_avail", "qty_on_hand", "qty_reserved", "qty_allocated", "qty_in_transit",
        "reorder_point", "reorder_qty", "safety_stock", "warehouse_id", "warehouse_code", "bin_location", "lot_no",
        "batch_no", "expiry_date", "mfg_date", "inbound_qty", "outbound_qty", "stocktake_date", "last_count_dt",
        "variance_qty", "is_damaged", "uom", "pallet_cnt", "carton_qty", "pcs_per_carton", "volume_cbm", "length_cm",
        "width_cm", "height_cm", "aging_days",
    ]

    static let members = [
        "member_id", "member_no", "member_level", "tier", "points", "points_balance", "points_earned",
        "points_redeemed", "signup_ts", "signup_channel", "register_date", "last_login", "last_login_ip",
        "login_count", "is_vip", "vip_expire_date", "birthday", "gender", "age", "nickname", "avatar_url",
        "referrer_id", "invite_code", "wechat_openid", "is_subscribed", "unsubscribe_time", "total_spend",
        "avg_order_amt", "order_cnt", "first_order_dt", "last_order_dt", "churn_score", "ltv",
    ]

    static let hr = [
        "emp_id", "emp_no", "emp_name", "dept_id", "dept_name", "job_title", "position", "hire_date", "leave_date",
        "termination_reason", "base_salary", "bonus", "allowance", "overtime_hrs", "work_hours", "annual_leave_days",
        "sick_leave_days", "attendance_rate", "performance_score", "manager_id", "is_full_time", "contract_type",
        "probation_end_date", "id_card_no", "education", "major", "marital_status", "emergency_contact",
        "social_security_no", "bank_account", "check_in_time", "check_out_time", "late_minutes", "headcount",
    ]

    static let finance = [
        "account_code", "account_name", "gl_account", "journal_no", "voucher_no", "debit_amt", "credit_amt",
        "balance", "opening_balance", "closing_balance", "fiscal_year", "fiscal_period", "cost_center",
        "profit_center", "budget_amt", "actual_amt", "variance_amt", "tax_code", "tax_rate", "tax_id", "invoice_no",
        "invoice_date", "due_date", "overdue_days", "is_overdue", "loan_amount", "interest_rate", "term_months",
        "installment_no", "repayment_amt", "principal", "interest", "apr", "credit_score", "credit_limit", "nav",
        "dividend", "ytd_revenue", "mtd_sales", "revenue_growth_pct", "depreciation", "asset_value",
    ]

    static let logistics = [
        "shipment_id", "waybill_no", "tracking_no", "carrier_code", "carrier_name", "ship_from", "ship_to",
        "origin_city", "dest_city", "eta", "etd", "actual_arrival", "departure_time", "distance_km", "mileage_km",
        "freight_cost", "weight_lbs", "volume_m3", "package_cnt", "consignee_name", "consignee_tel", "sender_addr",
        "driver_name", "vehicle_plate", "route_code", "dispatch_time", "sign_time", "is_signed", "delivery_status",
    ]

    static let traffic = [
        "plate_no", "vehicle_type", "car_type", "axle_cnt", "entry_station", "exit_station", "entry_time", "exit_time",
        "toll_amt", "lane_no", "gate_id", "avg_speed", "speed_max", "traffic_volume", "car_count", "congestion_idx",
        "camera_id", "violation_type", "parking_lot_id", "parking_duration_mins", "charging_kwh", "fuel_liters",
        "service_area_id", "service_no", "oper_date", "count_date", "source_type", "source_system_type",
    ]

    static let manufacturing = [
        "work_order_no", "wo_status", "bom_id", "part_no", "part_name", "component_qty", "machine_id", "machine_code",
        "line_code", "shift", "output_qty", "good_qty", "reject_qty", "scrap_qty", "yield_pct", "downtime_min",
        "downtime_mins", "uptime_hrs", "oee", "cycle_time_sec", "temp_celsius", "pressure", "power_kw", "energy_kwh",
        "qc_result", "inspector_id", "inspection_date", "defect_type", "is_passed", "mold_no", "operator_id",
    ]

    static let healthcare = [
        "patient_id", "patient_name", "mrn", "visit_no", "visit_date", "admit_date", "discharge_date", "ward",
        "bed_no", "doctor_id", "dept_code", "diagnosis_code", "diagnosis_desc", "rx_no", "drug_name", "dosage",
        "dose_mg", "frequency", "blood_type", "blood_pressure", "heart_rate", "bmi", "allergy_desc", "is_emergency",
        "copay", "claim_amt", "insured_id", "premium", "register_fee", "lab_result",
    ]

    static let education = [
        "student_id", "student_no", "student_name", "class_id", "class_name", "course_code", "course_name",
        "teacher_id", "semester", "academic_year", "credit_hours", "gpa", "score", "exam_date", "exam_score",
        "enroll_date", "graduation_date", "is_graduated", "tuition_fee", "scholarship_amt", "attendance_cnt",
        "homework_score", "dorm_no",
    ]

    static let system = [
        "id", "uuid", "version", "revision", "row_version", "create_ts", "update_ts", "delete_ts", "created_by",
        "updated_by", "deleted_by", "created_at", "updated_at", "deleted_at", "gmt_create", "gmt_modified",
        "is_deleted", "deleted", "del_flag", "tenant_id", "etl_time", "load_date", "sync_status", "ext_json",
        "extra_info", "sort_order", "parent_id", "tree_path", "level", "is_enabled", "status", "remarks", "user_id",
        "role_code", "menu_name", "api_path", "request_id", "response_time_ms", "error_msg", "retry_cnt",
        "config_key", "config_value", "is_thumb_up", "is_in_training_data", "question", "sql", "topic_name",
        "related_tables", "biz_entities", "biz_metrics", "classify", "product_brand",
    ]

    /// Words no glossary knows, alone and next to known ones.
    static let unknown = [
        "xyz", "qqq", "foo", "bar_baz", "zork_amount", "blorp_cnt", "is_frobnicated", "frob_flag", "wibble_ts",
        "gizmo_dt", "quux_id", "snark_rate_pct", "flurb_kg", "a", "b2", "x1", "col_17", "field_3", "misc",
        "tmp_col", "zz_old", "abc_def_ghi", "FooBar", "HTTPStatus", "mysteryValue", "lorem_ipsum", "kpi_xq",
    ]

    /// Names written after the glossary was, as a check that it generalises (not tuned on).
    static let mixed = [
        "ProductSKU", "unitCost", "avgUnitCost", "reorderLevel", "qtyBackordered", "lastPurchaseDate",
        "supplierRating", "leadTimeDays", "minOrderQty", "maxStockLevel", "isDiscontinued", "warrantyMonths",
        "amount_due", "amount_paid", "balance_due", "amount_outstanding", "invoice_total", "payment_terms",
        "late_fee", "credit_memo_no", "po_number", "requisition_no", "approver_name", "approval_status",
        "approval_dt", "rejected_reason", "budget_code", "gl_code", "cost_centre", "tax_exempt", "vat_no",
        "store_manager", "region_manager", "footfall_cnt", "conversion_rate", "avg_basket_size", "basket_value",
        "receipt_no", "cashier_id", "till_no", "tender_type", "change_amt", "loyalty_card_no", "points_expiry",
        "member_since", "last_visit_dt", "visit_cnt", "nps_score", "survey_id", "rating_avg", "review_text",
        "pv", "uv", "dau", "bounce_rate", "session_duration_sec", "page_url", "utm_source", "ad_spend", "ctr",
        "impressions", "clicks", "conversions", "cpc", "campaign_budget", "creative_id", "platform_fee",
        "dispatch_center", "vehicle_capacity_kg", "route_distance_km", "stops_cnt", "fuel_cost", "toll_fee",
        "delivery_window_start", "delivery_window_end", "proof_of_delivery", "signature_img", "temperature_c",
        "etc_amount", "obu_id", "axle_weight_kg", "overload_flag", "lane_direction", "peak_hour_flow",
        "daily_traffic_cnt", "entry_plaza", "exit_plaza", "travel_time_min", "avg_travel_speed",
        "machine_status", "spindle_speed_rpm", "runtime_hours", "setup_time_min", "scrap_rate", "rework_qty",
        "first_pass_yield", "mtbf_hours", "shift_leader", "batch_size", "lot_size", "bom_version", "routing_step",
        "patient_age", "admission_type", "discharge_status", "los_days", "icd_code", "triage_level",
        "attending_physician", "nurse_station", "bed_occupancy_rate", "pharmacy_code", "refill_cnt",
        "student_grade", "parent_phone", "guardian_name", "homeroom_teacher", "exam_type", "score_rank",
        "class_size", "tuition_paid", "scholarship_flag", "enrollment_status", "credit_earned",
        "hire_dt", "termination_dt", "job_level", "job_grade", "salary_band", "bonus_pct", "pto_balance",
        "overtime_pay", "manager_emp_id", "cost_per_hire", "candidate_source", "interview_score",
        "createtime", "updatetime", "userid", "orderno", "orderstatus", "paytype", "goodsname", "shopid",
        "totalprice", "realname", "idcard", "mobilephone", "deptname", "parentid", "sortno", "isdel", "transparent",
        "snowflake_xyz", "kappa_value", "zeta_cnt", "omega_flag", "thing_ts", "widget_sqft", "sprocket_usd",
    ]

    /// Domains beyond the brief's list (hotels, telecom, energy, real estate, insurance, government, agriculture).
    static let otherDomains = [
        "room_type", "room_rate", "checkin_date", "checkout_date", "nights", "guest_name", "guest_cnt", "adr",
        "occupancy_rate", "revpar", "booking_channel", "booking_status", "cancel_policy", "breakfast_included",
        "msisdn", "imsi", "imei", "call_duration_sec", "data_usage_mb", "sms_cnt", "plan_code", "monthly_fee",
        "arpu_amt", "churn_flag", "cell_id", "signal_strength", "roaming_flag", "recharge_amt", "meter_no",
        "meter_reading", "reading_date", "kwh_used", "tariff_code", "peak_kwh", "valley_kwh", "bill_amount",
        "outage_minutes", "voltage_level", "substation_id", "property_id", "listing_price", "sale_price",
        "bedrooms", "bathrooms", "building_sqft", "lot_size_sqft", "year_built", "hoa_fee", "agent_commission",
        "closing_date", "appraisal_value", "mortgage_rate", "down_payment", "policy_holder", "policy_start_date",
        "policy_end_date", "sum_insured", "claim_no", "claim_status", "loss_date", "adjuster_id", "payout_amt",
        "citizen_id", "household_no", "application_no", "permit_type", "issue_date", "issuing_authority",
        "case_no", "handling_dept", "petition_type", "farm_id", "crop_type", "planting_date", "harvest_date",
        "yield_kg_per_mu", "fertilizer_kg", "irrigation_flag", "livestock_cnt", "feed_cost",
    ]
}
