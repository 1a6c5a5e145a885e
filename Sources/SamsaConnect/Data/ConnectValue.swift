/// A value in Connect's data model (Kafka's Java objects: Byte, Short, Integer, Long, Float, Double, Boolean,
/// String, byte[], List, Map, Struct, or null). Logical types keep their physical form: a Timestamp is an
/// `int64` of epoch milliseconds under a schema named `ConnectSchema.Logical.timestamp`.
public indirect enum ConnectValue: Sendable, Hashable {
    case null
    case int8(Int8)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case float32(Float)
    case float64(Double)
    case boolean(Bool)
    case string(String)
    case bytes([UInt8])
    case array([ConnectValue])
    /// Entries in insertion order (Kafka's maps are HashMaps; keeping order makes output reproducible).
    case map([MapEntry])
    case structure(ConnectStruct)

    public struct MapEntry: Sendable, Hashable {
        public var key: ConnectValue
        public var value: ConnectValue
        public init(key: ConnectValue, value: ConnectValue) {
            self.key = key
            self.value = value
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    /// The value as an Int64 when it is any integer type.
    public var integerValue: Int64? {
        switch self {
        case .int8(let v): Int64(v)
        case .int16(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .int64(let v): v
        default: nil
        }
    }

    public var structValue: ConnectStruct? { if case .structure(let s) = self { s } else { nil } }

    /// A schemaless map from string keys (what source partitions and offsets are), in key order.
    public static func stringMap(_ dict: [String: ConnectValue]) -> ConnectValue {
        .map(dict.keys.sorted().map { MapEntry(key: .string($0), value: dict[$0]!) })
    }

    /// A map's entries keyed by string (non-string keys are skipped); nil for a non-map.
    public var stringKeyedMap: [String: ConnectValue]? {
        guard case .map(let entries) = self else { return nil }
        var out: [String: ConnectValue] = [:]
        for entry in entries { if case .string(let k) = entry.key { out[k] = entry.value } }
        return out
    }
}

/// A struct value, as Kafka's `Struct`: a schema and one value per field (by field index). `values` holds what
/// was put (null for a field never set); reading by name gives a null field's schema default, as Kafka's `get`.
public struct ConnectStruct: Sendable, Hashable {
    public let schema: ConnectSchema
    public private(set) var values: [ConnectValue]

    /// Kafka's `new Struct(schema)`: every field null until put (a default shows through `subscript`).
    public init(schema: ConnectSchema) {
        self.schema = schema
        self.values = Array(repeating: .null, count: schema.fields.count)
    }

    public init(schema: ConnectSchema, values: [ConnectValue]) {
        precondition(values.count == schema.fields.count, "a struct needs one value per field")
        self.schema = schema
        self.values = values
    }

    /// Kafka's `Struct.get`: the stored value, or the field's default when the stored value is null; nil for
    /// a name that is not a field.
    public subscript(name: String) -> ConnectValue? {
        guard let field = schema.field(name) else { return nil }
        let value = values[field.index]
        if value.isNull, let defaultValue = field.schema.defaultValue, !defaultValue.isNull { return defaultValue }
        return value
    }

    /// Kafka's `Struct.getWithoutDefault`: the stored value, null when never set (what JsonConverter writes
    /// under `replace.null.with.default=false`); nil for a name that is not a field.
    public func rawValue(_ name: String) -> ConnectValue? {
        schema.field(name).map { values[$0.index] }
    }

    /// Sets a field; an unknown field name is a `ConnectError.dataException`, as Kafka's `Struct.put`.
    @discardableResult
    public mutating func put(_ name: String, _ value: ConnectValue) throws -> ConnectStruct {
        guard let field = schema.field(name) else {
            throw ConnectError.dataException("\(name) is not a valid field name")
        }
        values[field.index] = value
        return self
    }

    /// Kafka's `Struct.validate`: every field is set, except those optional or with a default.
    public func validate() throws {
        for field in schema.fields where values[field.index].isNull && !field.schema.isOptional && (field.schema.defaultValue ?? .null).isNull {
            throw ConnectError.dataException("Invalid value: null used for required field: \"\(field.name)\", schema type: \(field.schema.type.rawValue.uppercased())")
        }
    }
}

/// A schema and a value together, as Kafka's `SchemaAndValue` (what converters return).
public struct SchemaAndValue: Sendable, Hashable {
    public var schema: ConnectSchema?
    public var value: ConnectValue

    public init(schema: ConnectSchema?, value: ConnectValue) {
        self.schema = schema
        self.value = value
    }

    public static let null = SchemaAndValue(schema: nil, value: .null)
}
