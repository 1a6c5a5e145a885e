/// Kafka's `transforms.util.Requirements`: the checks that give SMTs their `DataException` sentences, with
/// the Java class names Kafka prints for the value found.
enum TransformRequirements {
    static func requireSchema(_ schema: ConnectSchema?, _ purpose: String) throws -> ConnectSchema {
        guard let schema else { throw ConnectError.dataException("Schema required for [\(purpose)]") }
        return schema
    }

    /// A schemaless value must be a map (Kafka's `Map<String, Object>`).
    static func requireMap(_ value: ConnectValue, _ purpose: String) throws -> [ConnectValue.MapEntry] {
        guard case .map(let entries) = value else {
            throw ConnectError.dataException("Only Map objects supported in absence of schema for [\(purpose)], found: \(javaClassName(value))")
        }
        return entries
    }

    static func requireStruct(_ value: ConnectValue, _ purpose: String) throws -> ConnectStruct {
        guard case .structure(let s) = value else {
            throw ConnectError.dataException("Only Struct objects supported for [\(purpose)], found: \(javaClassName(value))")
        }
        return s
    }

    /// Sink records carry their Kafka offset; source records do not.
    static func requireSinkRecord(_ record: ConnectRecord, _ purpose: String) throws -> Int64 {
        guard let offset = record.kafkaOffset else {
            throw ConnectError.dataException("Only SinkRecord supported for [\(purpose)], found: org.apache.kafka.connect.source.SourceRecord")
        }
        return offset
    }

    /// The Java class Kafka's runtime would hold for this value (`x.getClass().getName()`).
    static func javaClassName(_ value: ConnectValue) -> String {
        switch value {
        case .null: "null"
        case .int8: "java.lang.Byte"
        case .int16: "java.lang.Short"
        case .int32: "java.lang.Integer"
        case .int64: "java.lang.Long"
        case .float32: "java.lang.Float"
        case .float64: "java.lang.Double"
        case .boolean: "java.lang.Boolean"
        case .string: "java.lang.String"
        case .bytes: "[B"
        case .array: "java.util.ArrayList"
        case .map: "java.util.HashMap"
        case .structure: "org.apache.kafka.connect.data.Struct"
        }
    }

    /// `value.getClass()` as Java prints it: `class java.lang.Integer`.
    static func javaClass(_ value: ConnectValue) -> String { "class \(javaClassName(value))" }
}

/// Schemaless maps keyed by field name, edited in place so entry order is kept.
extension Array where Element == ConnectValue.MapEntry {
    subscript(field name: String) -> ConnectValue? {
        first { $0.key == .string(name) }?.value
    }

    mutating func put(_ name: String, _ value: ConnectValue) {
        if let i = firstIndex(where: { $0.key == .string(name) }) {
            self[i].value = value
        } else {
            append(.init(key: .string(name), value: value))
        }
    }

    mutating func remove(field name: String) {
        removeAll { $0.key == .string(name) }
    }
}

extension SchemaBuilder {
    /// Kafka's `SchemaUtil.copySchemaBasics`: name, version, doc and parameters of `source`.
    func copyingBasics(of source: ConnectSchema) -> SchemaBuilder {
        var b = self
        b.name = source.name
        b.version = source.version
        b.doc = source.doc
        if let params = source.parameters { b.parameters = params }
        return b
    }
}

extension SchemaBuilder {
    /// Kafka's `SchemaBuilder.field` with its checks (the contract's builder appends without them).
    func checkedField(_ name: String, _ schema: ConnectSchema) throws -> SchemaBuilder {
        if name.isEmpty { throw ConnectError.dataException("fieldName cannot be null.") }
        if fields.contains(where: { $0.name == name }) {
            throw ConnectError.dataException("Cannot create field because of field name duplication \(name)")
        }
        return field(name, schema)
    }
}
