// The log tail a web UI polls while a task runs, spelled out by hand like the status (keys in byte order;
// `TaskPayloadJSONTests` compares it with `JSONEncoder`'s output).

extension TaskLogsPayload: JSONObjectWritable {
    func writeMembers(to json: inout JSONBuffer) {
        json.member("has_more", hasMore)
        json.member("log_file", logFile)
        json.member("logs") { json in
            json.array { array in
                for entry in logs {
                    array.object { object in
                        object.member("level", entry.level)
                        object.member("logger", entry.logger)
                        object.member("message", entry.message)
                        object.member("timestamp", entry.timestamp)
                    }
                }
            }
        }
        json.member("source", source)
        json.member("task_id", taskId)
        json.member("total", total)
    }
}
