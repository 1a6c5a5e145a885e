import Foundation
import SamsaConnect

/// Records as JSON lines, one object a line, members always in this order:
///
///     {"topic":"orders","partition":0,"offset":42,"timestamp":1764496800000,"timestampType":"CreateTime",
///      "key":"order-42","value":"{\"id\":42}","headers":[{"key":"trace","value":"abc"}]}
///
/// `timestamp` is milliseconds since the epoch; `timestampType` is Kafka's name, `CreateTime` or
/// `LogAppendTime`. Keys, values and header values are JSON strings when their bytes are UTF-8 (any UTF-8,
/// so the bytes come back exactly), `null` when missing, and `{"base64":"…"}` (standard alphabet, padded)
/// when they are not UTF-8.
enum RecordExport {
    /// One record as its JSON line (without the line feed).
    static func jsonLine(_ record: BrowsedRecord) -> String {
        let object: JSONValue = [
            "topic": .string(record.topic),
            "partition": .integer(Int64(record.partition)),
            "offset": .integer(record.offset),
            "timestamp": .integer(record.timestamp),
            "timestampType": .string(record.isLogAppendTime ? "LogAppendTime" : "CreateTime"),
            "key": bytes(record.key),
            "value": bytes(record.value),
            "headers": .array(record.headers.map { ["key": .string($0.key), "value": bytes($0.value)] }),
        ]
        return object.compactString
    }

    /// Bytes as export writes them: a string, null, or `{"base64": …}`.
    static func bytes(_ bytes: [UInt8]?) -> JSONValue {
        guard let bytes else { return .null }
        if let text = RecordText.utf8(bytes) { return .string(text) }
        return ["base64": .string(Data(bytes).base64EncodedString())]
    }

    /// The JSON lines of `records`, each ending in a line feed.
    static func text(_ records: [BrowsedRecord]) -> String {
        var out = ""
        for record in records {
            out += jsonLine(record)
            out += "\n"
        }
        return out
    }

    /// Writes `records` as JSON lines to `path` (a leading `~` is the home directory) atomically: into a
    /// temporary file beside it, flushed, then renamed over it, so a reader never sees half a file and a
    /// failed write leaves what was there. Returns the bytes written.
    @discardableResult
    static func write(_ records: [BrowsedRecord], to path: String) throws(RecordExportError) -> Int {
        let data = Array(text(records).utf8)
        try AtomicFile.write(data, to: (path as NSString).expandingTildeInPath)
        return data.count
    }
}

/// An export that failed, as one sentence.
struct RecordExportError: Error, Equatable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
