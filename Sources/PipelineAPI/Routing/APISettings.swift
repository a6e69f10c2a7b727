import Foundation
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
    /// Which business databases a request (or the default) may name; checked before anything connects.
    public var connectionPolicy: BusinessConnectionPolicy
    /// Where the deprecated `table_list_file` may point; nil refuses it.
    public var tableListDirectory: URL?
    /// Workers this host runs at once (`DP_MAX_WORKERS`); executions beyond wait in the queue.
    public var maxWorkers = HostIdentity.defaultMaxWorkers

    public init(tasksRoot: URL, maxUploadBytes: Int, maxJSONBytes: Int, accelRedirectPrefix: String?,
                apiToken: String?, defaultBusinessDatabaseURL: String?, tableListDirectory: URL? = nil,
                connectionPolicy: BusinessConnectionPolicy = BusinessConnectionPolicy()) {
        self.tasksRoot = tasksRoot
        self.maxUploadBytes = maxUploadBytes
        self.maxJSONBytes = maxJSONBytes
        self.accelRedirectPrefix = accelRedirectPrefix
        self.apiToken = apiToken
        self.defaultBusinessDatabaseURL = defaultBusinessDatabaseURL
        self.tableListDirectory = tableListDirectory
        self.connectionPolicy = connectionPolicy
    }

    public init(_ configuration: ServiceConfiguration) {
        self.init(tasksRoot: configuration.tasksDirectory, maxUploadBytes: configuration.maxUploadBytes,
                  maxJSONBytes: configuration.maxJSONBytes, accelRedirectPrefix: configuration.accelRedirectPrefix,
                  apiToken: configuration.apiToken, defaultBusinessDatabaseURL: configuration.businessDatabaseURL,
                  tableListDirectory: configuration.tableListDirectory,
                  connectionPolicy: configuration.businessConnectionPolicy)
        maxWorkers = configuration.maxWorkers
    }
}
