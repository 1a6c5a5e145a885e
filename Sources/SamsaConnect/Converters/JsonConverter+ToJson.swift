import Foundation

extension JsonConverter {
    /// Kafka's `convertToJson`: nil means "no JSON at all" (a null value under no schema); a required schema
    /// with a null value and no default is Kafka's "Conversion error" DataException.
    func convertToJson(_ schema: ConnectSchema?, _ value: ConnectValue) throws -> JSONValue? {
        if value.isNull {
            guard let schema else { return nil }
            if let defaultValue = schema.defaultValue, !defaultValue.isNull, config.replaceNullWithDefault {
                return try convertToJson(schema, defaultValue)
            }
            if schema.isOptional { return .null }
            throw ConnectError.dataException("Conversion error: null value for field that is required and has no default value")
        }
        if let schema, let name = schema.name, let logical = try logicalToJson(name, schema, value) {
            return logical
        }
        let type = schema?.type ?? Self.inferredType(value)
        guard let type else {
            throw ConnectError.dataException("Java class \(Self.javaClass(value)) does not have corresponding schema type.")
        }
        func mismatch() -> ConnectError {
            ConnectError.dataException("Invalid type for \(schema.map { $0.type.rawValue.uppercased() } ?? "unknown schema"): \(Self.javaClass(value))")
        }
        switch (type, value) {
        case (.int8, .int8(let v)): return .integer(Int64(v))
        case (.int16, .int16(let v)): return .integer(Int64(v))
        case (.int32, .int32(let v)): return .integer(Int64(v))
        case (.int64, .int64(let v)): return .integer(v)
        case (.float32, .float32(let v)): return .float(v)
        case (.float64, .float64(let v)): return .double(v)
        case (.boolean, .boolean(let v)): return .bool(v)
        case (.string, .string(let v)): return .string(v)
        case (.bytes, .bytes(let v)): return .string(Data(v).base64EncodedString())
        case (.array, .array(let elements)):
            return .array(try elements.map { try convertToJson(schema?.valueSchema, $0) ?? .null })
        case (.map, .map(let entries)):
            let objectMode = schema.map { $0.keySchema?.type == .string }
                ?? entries.allSatisfy { if case .string = $0.key { true } else { false } }
            if objectMode {
                var object = JSONObject()
                for entry in entries {
                    let key = try convertToJson(schema?.keySchema, entry.key) ?? .null
                    object[Self.asText(key)] = try convertToJson(schema?.valueSchema, entry.value) ?? .null
                }
                return .object(object)
            }
            return .array(try entries.map {
                .array([try convertToJson(schema?.keySchema, $0.key) ?? .null, try convertToJson(schema?.valueSchema, $0.value) ?? .null])
            })
        case (.struct, .structure(let structValue)):
            guard let schema, structValue.schema == schema else { throw ConnectError.dataException("Mismatching schema.") }
            var object = JSONObject()
            for field in schema.fields {
                object[field.name] = try convertToJson(field.schema, structValue.values[field.index]) ?? .null
            }
            return .object(object)
        default:
            throw mismatch()
        }
    }

    /// Date, Time and Timestamp are their physical integers; Decimal is BASE64 of the unscaled bytes or a
    /// NUMERIC JSON number (`BigDecimal.toString`) per `decimal.format`. Nil for names that are not logical types.
    private func logicalToJson(_ name: String, _ schema: ConnectSchema, _ value: ConnectValue) throws -> JSONValue? {
        switch name {
        case ConnectSchema.Logical.decimal:
            guard case .bytes(let unscaled) = value else {
                throw ConnectError.dataException("Invalid type for Decimal, expected BigDecimal but was \(Self.javaClass(value))")
            }
            switch config.decimalFormat {
            case .base64: return .string(Data(unscaled).base64EncodedString())
            case .numeric: return .number(DecimalText.string(unscaled: unscaled, scale: try Self.decimalScale(schema)))
            }
        case ConnectSchema.Logical.date, ConnectSchema.Logical.time, ConnectSchema.Logical.timestamp:
            guard let v = value.integerValue else {
                let kind = name.split(separator: ".").last.map(String.init) ?? name
                throw ConnectError.dataException("Invalid type for \(kind), expected Date but was \(Self.javaClass(value))")
            }
            return .integer(v)
        default:
            return nil
        }
    }

    static func decimalScale(_ schema: ConnectSchema) throws -> Int {
        guard let text = schema.parameters?["scale"], let scale = Int(text) else {
            throw ConnectError.dataException("Invalid Decimal schema: scale parameter not found.")
        }
        return scale
    }

    /// Jackson's `asText()` of a map key written as JSON (object mode keys are strings in practice).
    static func asText(_ key: JSONValue) -> String {
        switch key {
        case .string(let s): s
        case .null: "null"
        default: key.compactString
        }
    }

    /// Kafka's `ConnectSchema.schemaType(value.getClass())` for schemaless data.
    static func inferredType(_ value: ConnectValue) -> ConnectSchema.SchemaType? {
        switch value {
        case .null: nil
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .float32: .float32
        case .float64: .float64
        case .boolean: .boolean
        case .string: .string
        case .bytes: .bytes
        case .array: .array
        case .map: .map
        case .structure: .struct
        }
    }

    /// The Java class Kafka's error sentences name for a value.
    static func javaClass(_ value: ConnectValue) -> String {
        switch value {
        case .null: "null"
        case .int8: "class java.lang.Byte"
        case .int16: "class java.lang.Short"
        case .int32: "class java.lang.Integer"
        case .int64: "class java.lang.Long"
        case .float32: "class java.lang.Float"
        case .float64: "class java.lang.Double"
        case .boolean: "class java.lang.Boolean"
        case .string: "class java.lang.String"
        case .bytes: "class [B"
        case .array: "class java.util.ArrayList"
        case .map: "class java.util.HashMap"
        case .structure: "class org.apache.kafka.connect.data.Struct"
        }
    }
}
