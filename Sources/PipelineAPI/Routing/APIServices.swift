import Foundation
import Logging
import PipelineCore

/// Limits and switches of the HTTP layer, from the service configuration.
public struct APISettings: Sendable {
    public var tasksRoot: URL
    public var maxUploadBytes: Int
    public var maxJSONBytes: Int
    /// Uploaded table lists are small text files (predecessor: 2 MB).
    public var maxTableListBytes = 2 * 1024 * 1024
    public var accelRedirectPrefix: String?
    public var apiToken: String?
    public var defaultBusinessDatabaseURL: String?

    public init(tasksRoot: URL, maxUploadBytes: Int, maxJSONBytes: Int, accelRedirectPrefix: String?,
                apiToken: String?, defaultBusinessDatabaseURL: String?) {
        self.tasksRoot = tasksRoot
        self.maxUploadBytes = maxUploadBytes
        self.maxJSONBytes = maxJSONBytes
        self.accelRedirectPrefix = accelRedirectPrefix
        self.apiToken = apiToken
        self.defaultBusinessDatabaseURL = defaultBusinessDatabaseURL
    }

    public init(_ configuration: ServiceConfiguration) {
        self.init(tasksRoot: configuration.tasksDirectory, maxUploadBytes: configuration.maxUploadBytes,
                  maxJSONBytes: configuration.maxJSONBytes, accelRedirectPrefix: configuration.accelRedirectPrefix,
                  apiToken: configuration.apiToken, defaultBusinessDatabaseURL: configuration.businessDatabaseURL)
    }
}

/// What the controllers of one responder thread work with; built once per thread by the composition root.
public final class APIServices {
    public let store: TaskStore
    public let catalog: DatabaseCatalog
    public let settings: APISettings
    public let clock: @Sendable () -> Date
    public let logger: Logger

    public init(store: TaskStore, catalog: DatabaseCatalog, settings: APISettings,
                clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.store = store
        self.catalog = catalog
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    func taskDirectory(_ id: TaskID) -> TaskDirectory {
        TaskDirectory(root: settings.tasksRoot, taskID: id)
    }

    /// The task, or a 404 (`任务不存在: <id>`).
    func requireTask(_ id: TaskID) throws -> PipelineTask {
        guard let task = try store.task(id) else { throw PipelineError.taskNotFound(id) }
        return task
    }

    func requireTaskExists(_ id: TaskID) throws {
        guard try store.taskExists(id) else { throw PipelineError.taskNotFound(id) }
    }

    var jsonBody: JSONBody { JSONBody(maxBytes: settings.maxJSONBytes) }
}
