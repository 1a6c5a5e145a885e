/// Kafka's `TimestampRouter`: renames the topic from `topic.format` (`${topic}`, `${timestamp}`) with the
/// record timestamp written in `timestamp.format` (Java `SimpleDateFormat`, UTC).
public final class TimestampRouter: Transformation {
    static let definition = ConfigDef([
        .smt("topic.format", .string, "${topic}-${timestamp}", .high,
             "Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively."),
        .smt("timestamp.format", .string, "yyyyMMdd", .high,
             "Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>."),
    ])

    private var topicFormat = "${topic}-${timestamp}"
    private var timestampPattern = "yyyyMMdd"
    private var timestampFormat: JavaDateFormat?

    public init() {}

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        topicFormat = config.string("topic.format") ?? ""
        timestampPattern = config.string("timestamp.format") ?? ""
        // Kafka builds the SimpleDateFormat lazily, so a bad pattern fails the first record, not configure.
        timestampFormat = try? JavaDateFormat(timestampPattern)
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        guard let timestamp = record.timestamp else {
            throw ConnectError.dataException("Timestamp missing on record: \(TransformRecordText.describe(record))")
        }
        let format: JavaDateFormat
        do { format = try timestampFormat ?? JavaDateFormat(timestampPattern) } catch JavaDateFormatError.badPattern(let m) {
            throw ConnectError.dataException(m)
        }
        let topic = topicFormat.replacingOccurrences(of: "${topic}", with: record.topic)
            .replacingOccurrences(of: "${timestamp}", with: format.format(millis: timestamp))
        return record.newRecord(topic: topic)
    }
}

/// Records as Kafka's `toString` prints them in error sentences.
enum TransformRecordText {
    static func describe(_ r: ConnectRecord) -> String {
        let partition = r.kafkaPartition.map(String.init) ?? "null"
        let ts = r.timestamp.map(String.init) ?? "null"
        if let offset = r.kafkaOffset {
            return "SinkRecord{kafkaOffset=\(offset), timestampType=\(r.timestampType.rawValue)} ConnectRecord{topic='\(r.topic)', kafkaPartition=\(partition), key=\(value(r.key)), keySchema=\(schema(r.keySchema)), value=\(value(r.value)), valueSchema=\(schema(r.valueSchema)), timestamp=\(ts), headers=ConnectHeaders(headers=)}"
        }
        return "SourceRecord{sourcePartition=\(map(r.sourcePartition)), sourceOffset=\(map(r.sourceOffset))} ConnectRecord{topic='\(r.topic)', kafkaPartition=\(partition), key=\(value(r.key)), keySchema=\(schema(r.keySchema)), value=\(value(r.value)), valueSchema=\(schema(r.valueSchema)), timestamp=\(ts), headers=ConnectHeaders(headers=)}"
    }

    static func schema(_ s: ConnectSchema?) -> String { s.map { $0.description } ?? "null" }

    static func map(_ m: SourceMap?) -> String {
        guard let m else { return "null" }
        return "{" + m.keys.sorted().map { "\($0)=\(value(m[$0]!))" }.joined(separator: ", ") + "}"
    }

    /// A value as Java's `toString` prints it.
    static func value(_ v: ConnectValue) -> String {
        switch v {
        case .null: "null"
        case .int8(let x): "\(x)"
        case .int16(let x): "\(x)"
        case .int32(let x): "\(x)"
        case .int64(let x): "\(x)"
        case .float32(let x): JavaText.float(x)
        case .float64(let x): JavaText.double(x)
        case .boolean(let x): x ? "true" : "false"
        case .string(let x): x
        case .bytes: "[B"
        case .array(let xs): "[" + xs.map(value).joined(separator: ", ") + "]"
        case .map(let es): "{" + es.map { "\(value($0.key))=\(value($0.value))" }.joined(separator: ", ") + "}"
        case .structure(let s): "Struct{" + s.schema.fields.compactMap { f in
            s.values[f.index].isNull ? nil : "\(f.name)=\(value(s.values[f.index]))" }.joined(separator: ",") + "}"
        }
    }
}
