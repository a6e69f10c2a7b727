import Foundation
import PipelineCore

/// The tasks root (`DP_TASKS_DIR`) and each task's directory under it.
struct TaskDirectories {
    let root: URL

    func directory(_ id: TaskID) -> TaskDirectory {
        TaskDirectory(root: root, taskID: id)
    }
}
