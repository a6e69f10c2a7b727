/// Says a business-database failure in Chinese. The driver's reasons are English one-liners
/// (`connection to server at "…", port 5433 failed: Connection refused`); a user of the page reads the Chinese
/// explanation first, and the driver's own line follows in parentheses for the log and for support.
public enum BusinessDatabaseWording {
    /// Known driver phrases (lower-cased) and what they mean, most specific first.
    private static let phrases: [(needle: String, text: String)] = [
        ("password authentication failed", "用户名或密码错误"),
        ("no password supplied", "连接字符串缺少密码"),
        ("no pg_hba.conf entry", "数据库服务器不允许此客户端连接（pg_hba.conf）"),
        ("database \"", "数据库不存在或无权访问"),
        ("role \"", "数据库用户不存在"),
        ("permission denied", "没有访问权限"),
        ("connection refused", "无法连接数据库服务器：连接被拒绝，请检查主机和端口"),
        ("could not translate host name", "无法解析数据库主机名"),
        ("timeout expired", "连接数据库超时"),
        ("timed out", "连接数据库超时"),
        ("no route to host", "无法到达数据库主机"),
        ("network is unreachable", "无法到达数据库主机"),
        ("the database system is starting up", "数据库正在启动，请稍后重试"),
        ("the database system is shutting down", "数据库正在关闭"),
        ("too many", "数据库连接数已满，请稍后重试"),
        ("server closed the connection", "数据库服务器意外断开了连接"),
        ("ssl", "SSL 连接失败"),
    ]

    /// `reason` in Chinese with the driver's line kept: a reason that is already Chinese (the service's own refusals)
    /// is returned as it is.
    public static func chinese(_ reason: String) -> String {
        if reason.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) { return reason }
        let lower = reason.lowercased()
        let text = phrases.first { lower.contains($0.needle) }?.text ?? "数据库返回错误"
        return reason.isEmpty ? text : "\(text)（驱动信息：\(reason)）"
    }
}
