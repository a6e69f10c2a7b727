import Foundation

/// A real second ("business") database for one test, created with psql and dropped afterwards:
/// public.bss_service_area, public.bss_company (with comments and rows), ods.bss_area_x, ods.other.
struct BusinessDatabaseFixture {
    let admin: PostgresAdmin
    let name: String

    /// The URL dp-fcgi is given: role `dp` over TCP, with this database.
    var url: String { (try? StackEnvironment.businessURL(of: name)) ?? admin.url(of: name) }

    static func create(adminURL: String) throws -> BusinessDatabaseFixture {
        let fixture = BusinessDatabaseFixture(admin: PostgresAdmin(adminURL: adminURL),
                                              name: "e2e_biz_\(UUID().uuidString.prefix(8).lowercased())")
        try fixture.admin.run(["CREATE DATABASE \(fixture.name)"])
        try fixture.admin.run([
            "CREATE SCHEMA ods",
            "CREATE TABLE public.bss_service_area (id varchar(32) PRIMARY KEY, service_area_name varchar(255))",
            "CREATE TABLE public.bss_company (id varchar(32) PRIMARY KEY, company_name varchar(255))",
            "COMMENT ON TABLE public.bss_company IS '高速公路服务区公司信息表，存储服务区所属公司的基本信息'",
            "COMMENT ON COLUMN public.bss_company.id IS '公司唯一标识符'",
            "COMMENT ON COLUMN public.bss_company.company_name IS '公司名称'",
            "INSERT INTO public.bss_company VALUES ('c1', '公司甲'), ('c2', '公司乙')",
            "CREATE TABLE ods.bss_area_x (id integer)",
            "CREATE TABLE ods.other (id integer)",
        ], database: fixture.name)
        try fixture.admin.grantRead(database: fixture.name)
        return fixture
    }

    func drop() throws {
        try admin.run(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }
}
