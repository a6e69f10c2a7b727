import Foundation

/// A route of `Sources/PipelineAPI/Routing/APIRoutes.swift` and the numeric inputs it takes (issue 20, 1).
/// Every route is listed, those without numeric input with `fields: []`, so a new route must be added here
/// (`test_everyRouteOfTheRouteTableIsListed` fails until it is).
struct NumericRoute {
    enum Field {
        /// A key of the JSON body.
        case json(String)
        /// A query-string parameter.
        case query(String)
    }

    var method: String
    /// As written in the route table; `{task_id}` is replaced by a real task.
    var path: String
    var fields: [Field] = []
    /// Other members of the JSON body the route needs to get as far as the number (`"question":"q"`).
    var required: [String] = []
    /// Extra members sent once more with every value (the largest page size, for the issue's `page` × `page_size`).
    var companions: [String] = []
}

enum NumericInputCases {
    /// The values every numeric field receives, as JSON text (query parameters get them unquoted).
    static let extremes = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e30", "-1e30", "-1", "0", "1.5",
        "100000000000000000", "1000000000000000000", #""abc""#, #""5""#, "null", "true", "[]", "{}",
    ]

    static let routes: [NumericRoute] = [
        NumericRoute(method: "GET", path: "/health"),
        NumericRoute(method: "GET", path: "/openapi.json"),
        NumericRoute(method: "POST", path: "/database/tables"),
        NumericRoute(method: "POST", path: "/database/table/ddl"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks"),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks", fields: [.query("limit"), .query("offset")]),
        NumericRoute(method: "DELETE", path: "/data_pipeline/tasks"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/query", fields: [.json("page"), .json("page_size")],
                     companions: [#""page_size":100"#]),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/{task_id}/execute"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/{task_id}/cancel"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/{task_id}/table-list"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/{task_id}/upload-table-list"),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}/table-list-info"),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}/quality"),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}/logs", fields: [.query("limit")]),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/{task_id}/logs/query",
                     fields: [.json("page"), .json("page_size")], companions: [#""page_size":500"#]),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}/drift"),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}/files"),
        NumericRoute(method: "POST", path: "/data_pipeline/tasks/{task_id}/files"),
        NumericRoute(method: "GET", path: "/data_pipeline/tasks/{task_id}/files/{file_name}"),
        NumericRoute(method: "POST", path: "/data_pipeline/vector/backup"),
        NumericRoute(method: "GET", path: "/data_pipeline/vector/restore/list"),
        NumericRoute(method: "POST", path: "/data_pipeline/vector/restore"),
        NumericRoute(method: "GET", path: "/training_data/stats"),
        NumericRoute(method: "POST", path: "/training_data/query", fields: [.json("page"), .json("page_size")],
                     companions: [#""page_size":100"#]),
        NumericRoute(method: "POST", path: "/training_data/create"),
        NumericRoute(method: "POST", path: "/training_data/update"),
        NumericRoute(method: "POST", path: "/training_data/delete"),
        NumericRoute(method: "POST", path: "/training_data/search", fields: [.json("top_k")], required: [#""question":"q""#]),
        NumericRoute(method: "POST", path: "/training_data/context", fields: [.json("top_k"), .json("budget_tokens")],
                     required: [#""question":"q""#, #""db_name":"d""#]),
    ]

    /// One request: method, target below `/api/v0` (query already encoded), JSON body or nil.
    struct Request {
        var method: String
        var target: String
        var body: Data?
    }

    /// Every field of `route` with every extreme value (and again with each companion), `{task_id}` → `taskID`.
    static func requests(for route: NumericRoute, taskID: String) -> [Request] {
        let path = route.path.replacingOccurrences(of: "{task_id}", with: taskID)
        var requests: [Request] = []
        for field in route.fields {
            for value in extremes {
                switch field {
                case .query(let name):
                    let text = value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : value
                    let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
                    requests.append(Request(method: route.method, target: "\(path)?\(name)=\(encoded)"))
                case .json(let name):
                    for companion in [nil] + route.companions.map(Optional.some) where companion?.hasPrefix("\"\(name)\"") != true {
                        let members = route.required + ["\"\(name)\":\(value)"] + (companion.map { [$0] } ?? [])
                        requests.append(Request(method: route.method, target: path,
                                                body: Data("{\(members.joined(separator: ","))}".utf8)))
                    }
                }
            }
        }
        return requests
    }
}
