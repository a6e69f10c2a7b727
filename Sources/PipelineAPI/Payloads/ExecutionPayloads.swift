/// The answers of `POST …/execute` and `POST …/cancel`.
struct ExecutionStartedPayload: Encodable {
    var taskId: String
    var executionMode: String
    @Nullable var stepName: String?
    var message = "任务正在后台执行，请通过状态接口查询进度"
    var executionId: String
}

struct CancelPayload: Encodable {
    var taskId: String
    @Nullable var executionId: String?
    var signalSent: Bool
}
