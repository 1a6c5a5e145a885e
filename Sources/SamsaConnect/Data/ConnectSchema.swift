/// A Connect schema, as Kafka Connect's `org.apache.kafka.connect.data.Schema`: a type, optionality, a
/// default, a name/version/doc/parameters (logical types such as `org.apache.kafka.connect.data.Timestamp`
/// are a name on a primitive), and for structs, arrays and maps the nested schemas.
///
/// Immutable and shared: a class so that struct schemas can nest without copying.
public final class ConnectSchema: Sendable, Hashable, CustomStringConvertible {
    /// Kafka's `Schema.Type`, whose lowercase names are what JsonConverter writes in `"type"`.
    public enum SchemaType: String, Sendable, Hashable, CaseIterable {
        case int8, int16, int32, int64, float32, float64, boolean, string, bytes, array, map, `struct`

        public var isPrimitive: Bool { self != .array && self != .map && self != .struct }
    }

    public struct Field: Sendable, Hashable {
        public var name: String
        public var index: Int
        public var schema: ConnectSchema

        public init(name: String, index: Int, schema: ConnectSchema) {
            self.name = name
            self.index = index
            self.schema = schema
        }
    }

    public let type: SchemaType
    public let isOptional: Bool
    public let defaultValue: ConnectValue?
    public let name: String?
    public let version: Int32?
    public let doc: String?
    public let parameters: [String: String]?
    /// Struct fields in declaration order (empty for other types).
    public let fields: [Field]
    /// A map's key schema.
    public let keySchema: ConnectSchema?
    /// An array's element schema, or a map's value schema.
    public let valueSchema: ConnectSchema?

    public init(type: SchemaType, optional: Bool = false, defaultValue: ConnectValue? = nil, name: String? = nil,
                version: Int32? = nil, doc: String? = nil, parameters: [String: String]? = nil,
                fields: [Field] = [], keySchema: ConnectSchema? = nil, valueSchema: ConnectSchema? = nil) {
        self.type = type
        self.isOptional = optional
        self.defaultValue = defaultValue
        self.name = name
        self.version = version
        self.doc = doc
        self.parameters = parameters
        self.fields = fields
        self.keySchema = keySchema
        self.valueSchema = valueSchema
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    // Kafka's `Schema.*_SCHEMA` constants.
    public static let int8 = ConnectSchema(type: .int8)
    public static let int16 = ConnectSchema(type: .int16)
    public static let int32 = ConnectSchema(type: .int32)
    public static let int64 = ConnectSchema(type: .int64)
    public static let float32 = ConnectSchema(type: .float32)
    public static let float64 = ConnectSchema(type: .float64)
    public static let boolean = ConnectSchema(type: .boolean)
    public static let string = ConnectSchema(type: .string)
    public static let bytes = ConnectSchema(type: .bytes)
    public static let optionalInt8 = ConnectSchema(type: .int8, optional: true)
    public static let optionalInt16 = ConnectSchema(type: .int16, optional: true)
    public static let optionalInt32 = ConnectSchema(type: .int32, optional: true)
    public static let optionalInt64 = ConnectSchema(type: .int64, optional: true)
    public static let optionalFloat32 = ConnectSchema(type: .float32, optional: true)
    public static let optionalFloat64 = ConnectSchema(type: .float64, optional: true)
    public static let optionalBoolean = ConnectSchema(type: .boolean, optional: true)
    public static let optionalString = ConnectSchema(type: .string, optional: true)
    public static let optionalBytes = ConnectSchema(type: .bytes, optional: true)

    /// Kafka's logical type names.
    public enum Logical {
        public static let timestamp = "org.apache.kafka.connect.data.Timestamp"
        public static let date = "org.apache.kafka.connect.data.Date"
        public static let time = "org.apache.kafka.connect.data.Time"
        public static let decimal = "org.apache.kafka.connect.data.Decimal"
    }

    public static func == (lhs: ConnectSchema, rhs: ConnectSchema) -> Bool {
        lhs === rhs || (lhs.type == rhs.type && lhs.isOptional == rhs.isOptional && lhs.defaultValue == rhs.defaultValue
            && lhs.name == rhs.name && lhs.version == rhs.version && lhs.doc == rhs.doc && lhs.parameters == rhs.parameters
            && lhs.fields == rhs.fields && lhs.keySchema == rhs.keySchema && lhs.valueSchema == rhs.valueSchema)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(isOptional)
        hasher.combine(name)
        hasher.combine(fields.map(\.name))
    }

    public var description: String {
        switch type {
        case .struct: "Schema{\(name.map { "\($0):" } ?? "")STRUCT}"
        default: "Schema{\(name.map { "\($0):" } ?? "")\(type.rawValue.uppercased())}"
        }
    }
}

/// Builds struct (and other) schemas field by field, as Kafka's `SchemaBuilder`.
public struct SchemaBuilder: Sendable {
    public var type: ConnectSchema.SchemaType
    public var optional = false
    public var defaultValue: ConnectValue?
    public var name: String?
    public var version: Int32?
    public var doc: String?
    public var parameters: [String: String]?
    public var fields: [ConnectSchema.Field] = []
    public var keySchema: ConnectSchema?
    public var valueSchema: ConnectSchema?

    public init(type: ConnectSchema.SchemaType) { self.type = type }

    public static func `struct`() -> SchemaBuilder { SchemaBuilder(type: .struct) }
    public static func array(_ element: ConnectSchema) -> SchemaBuilder {
        var b = SchemaBuilder(type: .array)
        b.valueSchema = element
        return b
    }
    public static func map(_ key: ConnectSchema, _ value: ConnectSchema) -> SchemaBuilder {
        var b = SchemaBuilder(type: .map)
        b.keySchema = key
        b.valueSchema = value
        return b
    }

    public func field(_ name: String, _ schema: ConnectSchema) -> SchemaBuilder {
        var b = self
        b.fields.append(.init(name: name, index: b.fields.count, schema: schema))
        return b
    }
    public func optional(_ value: Bool = true) -> SchemaBuilder { var b = self; b.optional = value; return b }
    public func name(_ value: String) -> SchemaBuilder { var b = self; b.name = value; return b }
    public func version(_ value: Int32) -> SchemaBuilder { var b = self; b.version = value; return b }
    public func doc(_ value: String) -> SchemaBuilder { var b = self; b.doc = value; return b }
    public func defaultValue(_ value: ConnectValue) -> SchemaBuilder { var b = self; b.defaultValue = value; return b }
    public func parameter(_ key: String, _ value: String) -> SchemaBuilder {
        var b = self
        b.parameters = (b.parameters ?? [:]).merging([key: value]) { $1 }
        return b
    }

    public func build() -> ConnectSchema {
        ConnectSchema(type: type, optional: optional, defaultValue: defaultValue, name: name, version: version, doc: doc,
                      parameters: parameters, fields: fields, keySchema: keySchema, valueSchema: valueSchema)
    }
}
