import PipelineCore

// The hand-written spelling of the payloads every web UI polls. Keys are in byte order (as `.sortedKeys` writes
// them); `TaskPayloadJSONTests` checks each against `JSONEncoder`'s output for the same value.

extension TaskStatusPayload: JSONObjectWritable {
    func writeMembers(to json: inout JSONBuffer) throws {
        json.member("cancelled", cancelled)
        json.member("completed_at", completedAt)
        json.member("created_at", createdAt)
        json.member("current_step") { json in
            guard let currentStep else { return json.null() }
            json.object { step in
                step.member("execution_id", currentStep.executionId)
                step.member("started_at", currentStep.startedAt)
                step.member("status", currentStep.status)
                step.member("step", currentStep.step)
            }
        }
        json.member("error_message", errorMessage)
        json.member("parameters") { $0.value(parameters) }
        json.member("progress") { json in
            guard let progress else { return json.null() }
            json.value(progress)
        }
        if let queue {
            json.member("queue") { json in
                json.object { object in
                    object.member("position", queue.position)
                    object.member("queued_at", queue.queuedAt)
                }
            }
        }
        try json.member("result") { json in
            guard let result else { return json.null() }
            try json.value(result)
        }
        json.member("started_at", startedAt)
        json.member("status", status)
        json.member("step_status") { json in
            json.object { object in
                for (name, status) in stepStatus.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    object.dynamicKey(name)
                    object.string(status)
                }
            }
        }
        json.member("steps") { json in
            json.array { array in
                for step in steps {
                    array.object { object in
                        object.member("completed_at", step.completedAt)
                        object.member("error_message", step.errorMessage)
                        object.member("started_at", step.startedAt)
                        object.member("step_name", step.stepName)
                        object.member("step_status", step.stepStatus)
                    }
                }
            }
        }
        json.member("task_id", taskId)
        json.member("task_name", taskName)
        json.member("total_steps", totalSteps)
        json.member("version", version)
    }
}

extension TaskListItem: JSONObjectWritable {
    func writeMembers(to json: inout JSONBuffer) {
        json.member("business_context", businessContext)
        json.member("business_context_truncated", businessContextTruncated)
        json.member("cancelled", cancelled)
        json.member("completed_at", completedAt)
        json.member("created_at", createdAt)
        json.member("created_by", createdBy)
        json.member("db_name", dbName)
        json.member("directory_exists", directoryExists)
        json.member("started_at", startedAt)
        json.member("status", status)
        json.member("step_status", stepStatus)
        json.member("task_id", taskId)
        json.member("task_name", taskName)
        json.member("updated_at", updatedAt)
        json.member("version", version)
    }
}

extension TaskListPayload: JSONObjectWritable {
    func writeMembers(to json: inout JSONBuffer) {
        json.member("limit", limit)
        json.member("offset", offset)
        json.member("tasks") { json in
            json.array { array in
                for task in tasks {
                    array.object { task.writeMembers(to: &$0) }
                }
            }
        }
        json.member("total", total)
    }
}
