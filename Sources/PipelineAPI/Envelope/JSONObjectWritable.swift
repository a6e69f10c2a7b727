/// A payload that writes its own JSON members with `JSONBuffer` instead of going through `JSONEncoder`: the
/// status poll and the task list, which clients call many times a second.
///
/// Its `Encodable` conformance stays the definition of the wire format; `writeMembers` must produce the same bytes
/// (the payload tests compare the two), members in byte order of their keys.
protocol JSONObjectWritable: Encodable {
    /// Writes the payload's members into the object `json` is writing.
    func writeMembers(to json: inout JSONBuffer) throws
}
