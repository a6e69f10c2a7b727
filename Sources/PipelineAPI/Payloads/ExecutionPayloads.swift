import PipelineCore

/// The answers of `POST …/execute` and `POST …/cancel`.
struct ExecutionStartedPayload: Encodable {
    var taskId: String
    var executionMode: String
    @Nullable var stepName: String?
    var message = "任务正在后台执行，请通过状态接口查询进度"
    var executionId: String
    /// Present when no host had a free worker slot: the execution waits in the queue.
    var queue: QueuePayload?
}

/// A queued execution's place: `position` 1 starts next; `queued_at` in the local ISO format.
struct QueuePayload: Encodable, Equatable {
    var position: Int
    var queuedAt: String

    init(_ place: QueuePlace) {
        position = place.position
        queuedAt = LocalTimestamp.iso(place.queuedAt)
    }
}

struct CancelPayload: Encodable {
    var taskId: String
    @Nullable var executionId: String?
    var signalSent: Bool
}
