import NIOCore

/// Formats consumed records like Kafka's DefaultMessageFormatter: optional timestamp, partition, offset,
/// headers and key before the value, each followed by a separator; "null" for absent keys and values.
/// Keys, values and header values print as UTF-8 text unless a deserializer is named (`key.deserializer`, …).
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
    public var keyDeserializer = RecordDeserializer.string
    public var valueDeserializer = RecordDeserializer.string
    public var headersDeserializer = RecordDeserializer.string

    public init() {}

    /// From console-consumer `--property` values (print.key, key.separator, …).
    public init(properties: [String: String]) throws {
        let known: Set<String> = ["print.timestamp", "print.partition", "print.offset", "print.headers", "print.key", "print.value",
                                  "key.separator", "headers.separator", "line.separator", "null.literal",
                                  "key.deserializer", "value.deserializer", "headers.deserializer"]
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
        keyDeserializer = try properties["key.deserializer"].map(RecordDeserializer.init(name:)) ?? .string
        valueDeserializer = try properties["value.deserializer"].map(RecordDeserializer.init(name:)) ?? .string
        headersDeserializer = try properties["headers.deserializer"].map(RecordDeserializer.init(name:)) ?? .string
    }

    /// One record's line. Bytes a deserializer cannot read (a 3-byte value for `long`) throw, as Kafka's do;
    /// an absent key or value prints the null literal without being deserialized.
    public func format(_ record: ConsumerRecord) throws(RecordDeserializer.Failure) -> String {
        // Kafka writes a key separator between fields and the line separator after the last one printed.
        var fields: [String] = []
        if printTimestamp {
            fields.append((record.timestampType == .logAppendTime ? "LogAppendTime:" : "CreateTime:") + "\(record.timestamp)")
        }
        if printPartition { fields.append("Partition:\(record.partition)") }
        if printOffset { fields.append("Offset:\(record.offset)") }
        if printHeaders {
            fields.append(record.headers.isEmpty ? "NO_HEADERS"
                : try record.headers.map { (header) throws(RecordDeserializer.Failure) in
                    "\(header.key):\(try text(header.value, headersDeserializer))"
                }.joined(separator: headersSeparator))
        }
        if printKey { fields.append(try text(record.key, keyDeserializer)) }
        if printValue { fields.append(try text(record.value, valueDeserializer)) }
        return fields.isEmpty ? "" : fields.joined(separator: keySeparator) + lineSeparator
    }

    func text(_ bytes: ByteBuffer?, _ deserializer: RecordDeserializer) throws(RecordDeserializer.Failure) -> String {
        guard let bytes else { return nullLiteral }
        return try deserializer.text(bytes)
    }
}
