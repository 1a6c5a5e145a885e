/// Kafka's `TimestampConverter$Key` / `TimestampConverter$Value`: converts a timestamp (the whole key/value,
/// or `field`) between `string` (`format`, SimpleDateFormat in UTC), `unix` (`unix.precision`), and Connect's
/// `Date`, `Time` and `Timestamp` logical types.
public final class TimestampConverter: Transformation {
    enum Kind: String { case string, unix, date = "Date", time = "Time", timestamp = "Timestamp" }

    static let purpose = "converting timestamp formats"
    static let definition = ConfigDef([
        .smt("field", .string, "", .high, "The field containing the timestamp, or empty if the entire value is a timestamp"),
        .smt("target.type", .string, nil, .high, "The desired timestamp representation: string, unix, Date, Time, or Timestamp",
             validator: TransformConfig.validString("target.type", ["string", "unix", "Date", "Time", "Timestamp"])),
        .smt("format", .string, "", .medium,
             "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string."),
        .smt("unix.precision", .string, "milliseconds", .low,
             "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long.Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.",
             validator: TransformConfig.validString("unix.precision", ["nanoseconds", "microseconds", "milliseconds", "seconds"])),
    ])

    private let part: RecordPart
    private var field = ""
    private var target = Kind.timestamp
    private var format: JavaDateFormat?
    private var precision = "milliseconds"
    private var schemaCache: [ConnectSchema: ConnectSchema] = [:]

    public init(part: RecordPart) { self.part = part }

    public var configDef: ConfigDef { Self.definition }

    public func configure(_ configs: [String: String]) throws {
        let config = try TransformConfig(Self.definition, configs)
        field = config.string("field") ?? ""
        target = Kind(rawValue: config.string("target.type") ?? "") ?? .timestamp
        precision = config.string("unix.precision") ?? "milliseconds"
        let pattern = config.string("format") ?? ""
        if target == .string && pattern.isEmpty {
            throw ConnectError.config("TimestampConverter requires format option to be specified when using string timestamps")
        }
        format = nil
        if !pattern.isEmpty {
            do { format = try JavaDateFormat(pattern) } catch {
                throw ConnectError.config("TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: \(pattern)")
            }
        }
        schemaCache = [:]
    }

    public func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        let value = part.value(record)
        guard let schema = part.schema(record) else {
            if value.isNull || field.isEmpty { return part.updating(record, schema: nil, value: try convert(value, from: nil)) }
            var map = try TransformRequirements.requireMap(value, Self.purpose)
            map.put(field, try convert(map[field: field] ?? .null, from: nil))
            return part.updating(record, schema: nil, value: .map(map))
        }
        if field.isEmpty {
            return part.updating(record, schema: Self.schema(for: target, optional: schema.isOptional), value: try convert(value, from: kind(of: schema)))
        }
        if !value.isNull { _ = try TransformRequirements.requireStruct(value, Self.purpose) }
        let updated = try schemaCache[schema] ?? buildSchema(schema)
        schemaCache[schema] = updated
        guard case .structure(let s) = value else { return part.updating(record, schema: updated, value: .null) }
        return part.updating(record, schema: updated, value: .structure(try convertFields(s, updated)))
    }

    private func buildSchema(_ schema: ConnectSchema) throws -> ConnectSchema {
        var builder = SchemaBuilder.struct().copyingBasics(of: schema)
        for f in schema.fields {
            builder = builder.field(f.name, f.name == field ? Self.schema(for: target, optional: f.schema.isOptional) : f.schema)
        }
        if schema.isOptional { builder = builder.optional() }
        if case .structure(let d)? = schema.defaultValue { builder = builder.defaultValue(.structure(try convertFields(d, builder.build()))) }
        return builder.build()
    }

    private func convertFields(_ s: ConnectStruct, _ updated: ConnectSchema) throws -> ConnectStruct {
        let values = try s.schema.fields.map { f in f.name == field ? try convert(s.values[f.index], from: kind(of: f.schema)) : s.values[f.index] }
        return ConnectStruct(schema: updated, values: values)
    }

    static func schema(for kind: Kind, optional: Bool) -> ConnectSchema {
        switch kind {
        case .string: optional ? .optionalString : .string
        case .unix: optional ? .optionalInt64 : .int64
        case .date: ConnectSchema(type: .int32, optional: optional, name: ConnectSchema.Logical.date, version: 1)
        case .time: ConnectSchema(type: .int32, optional: optional, name: ConnectSchema.Logical.time, version: 1)
        case .timestamp: ConnectSchema(type: .int64, optional: optional, name: ConnectSchema.Logical.timestamp, version: 1)
        }
    }

    private func kind(of schema: ConnectSchema) throws -> Kind {
        switch schema.name {
        case ConnectSchema.Logical.timestamp: return .timestamp
        case ConnectSchema.Logical.date: return .date
        case ConnectSchema.Logical.time: return .time
        default:
            if schema.type == .string { return .string }
            if schema.type == .int64 { return .unix }
            throw ConnectError.connect("Schema \(schema) does not correspond to a known timestamp type format")
        }
    }

    private func convert(_ value: ConnectValue, from source: Kind?) throws -> ConnectValue {
        if value.isNull { return .null }
        let kind: Kind
        if let source { kind = source } else {
            switch value {
            case .int64: kind = .unix
            case .string: kind = .string
            default: throw ConnectError.dataException("TimestampConverter does not support \(TransformRequirements.javaClass(value)) objects as timestamps")
            }
        }
        return try toType(toMillis(value, kind))
    }

    private func toMillis(_ value: ConnectValue, _ kind: Kind) throws -> Int64 {
        switch kind {
        case .string:
            guard case .string(let s) = value else {
                throw ConnectError.dataException("Expected string timestamp to be a String, but found \(TransformRequirements.javaClass(value))")
            }
            guard let format, let ms = format.parse(s) else {
                throw ConnectError.dataException("Could not parse timestamp: value (\(s)) does not match pattern (\(format?.pattern ?? ""))")
            }
            return ms
        case .unix:
            guard case .int64(let t) = value else {
                throw ConnectError.dataException("Expected Unix timestamp to be a Long, but found \(TransformRequirements.javaClass(value))")
            }
            switch precision {
            case "seconds": return t.multipliedReportingOverflow(by: 1000).overflow ? (t < 0 ? .min : .max) : t * 1000
            case "microseconds": return t / 1000
            case "nanoseconds": return t / 1_000_000
            default: return t
            }
        case .date, .time, .timestamp:
            guard let raw = value.integerValue else {
                throw ConnectError.dataException("Expected \(kind.rawValue) to be a java.util.Date, but found \(TransformRequirements.javaClass(value))")
            }
            return kind == .date ? raw * 86_400_000 : raw
        }
    }

    private func toType(_ ms: Int64) -> ConnectValue {
        let day: Int64 = 86_400_000
        var days = ms / day
        if ms % day < 0 { days -= 1 }
        switch target {
        case .string: return .string(format?.format(millis: ms) ?? "")
        case .unix:
            switch precision {
            case "seconds": return .int64(ms / 1000)
            case "microseconds": return .int64(ms.multipliedReportingOverflow(by: 1000).overflow ? (ms < 0 ? .min : .max) : ms * 1000)
            case "nanoseconds": return .int64(ms.multipliedReportingOverflow(by: 1_000_000).overflow ? (ms < 0 ? .min : .max) : ms * 1_000_000)
            default: return .int64(ms)
            }
        case .date: return .int32(Int32(truncatingIfNeeded: days))
        case .time: return .int32(Int32(ms - days * day))
        case .timestamp: return .int64(ms)
        }
    }
}
