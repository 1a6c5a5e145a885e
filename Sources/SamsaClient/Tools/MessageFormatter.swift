import NIOCore

/// Formats consumed records like Kafka's DefaultMessageFormatter: optional timestamp, partition, offset,
/// headers and key before the value, each followed by a separator; "null" for absent keys and values.
public struct MessageFormatter: Sendable {
    public var printTimestamp = false
    public var printPartition = false
    public var printOffset = false
    public var printHeaders = false
    public var printKey = false
    public var printValue = true
    public var keySeparator = "\t"
    public var headersSeparator = ","
    public var lineSeparator = "\n"
    public var nullLiteral = "null"

    public init() {}

    /// From console-consumer `--property` values (print.key, key.separator, …).
    public init(properties: [String: String]) throws {
        let known: Set<String> = ["print.timestamp", "print.partition", "print.offset", "print.headers", "print.key", "print.value",
                                  "key.separator", "headers.separator", "line.separator", "null.literal"]
        if let unknown = properties.keys.sorted().first(where: { !known.contains($0) }) {
            throw ClientError.invalidArgument("Unknown formatter property \"\(unknown)\"; known: \(known.sorted().joined(separator: ", ")).")
        }
        printTimestamp = Properties.bool(properties, "print.timestamp")
        printPartition = Properties.bool(properties, "print.partition")
        printOffset = Properties.bool(properties, "print.offset")
        printHeaders = Properties.bool(properties, "print.headers")
        printKey = Properties.bool(properties, "print.key")
        printValue = properties["print.value"].map { $0.lowercased() != "false" } ?? true
        keySeparator = properties["key.separator"].map(Properties.unescape) ?? "\t"
        headersSeparator = properties["headers.separator"].map(Properties.unescape) ?? ","
        lineSeparator = properties["line.separator"].map(Properties.unescape) ?? "\n"
        nullLiteral = properties["null.literal"] ?? "null"
    }

    public func format(_ record: ConsumerRecord) -> String {
        var out = ""
        if printTimestamp {
            out += (record.timestampType == .logAppendTime ? "LogAppendTime:" : "CreateTime:") + "\(record.timestamp)" + keySeparator
        }
        if printPartition { out += "Partition:\(record.partition)" + keySeparator }
        if printOffset { out += "Offset:\(record.offset)" + keySeparator }
        if printHeaders {
            out += record.headers.isEmpty ? "NO_HEADERS"
                : record.headers.map { "\($0.key):\($0.value.map { String(buffer: $0) } ?? nullLiteral)" }.joined(separator: headersSeparator)
            out += keySeparator
        }
        if printKey { out += (record.keyString ?? nullLiteral) + keySeparator }
        if printValue { out += record.valueString ?? nullLiteral }
        return out + lineSeparator
    }
}
