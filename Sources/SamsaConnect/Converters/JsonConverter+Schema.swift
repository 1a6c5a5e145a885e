extension JsonConverter {
    /// The `"type"` JsonConverter writes for each Connect type (`float`/`double`, not `float32`/`float64`).
    static func jsonTypeName(_ type: ConnectSchema.SchemaType) -> String {
        switch type {
        case .float32: "float"
        case .float64: "double"
        default: type.rawValue
        }
    }

    /// Kafka's `asJsonSchema`: `type`, then `items` / `keys`,`values` / `fields`, then `optional`, `name`,
    /// `version`, `doc`, `parameters`, `default` — the order Jackson writes them in. A struct field is its
    /// schema followed by `"field"`.
    public func asJsonSchema(_ schema: ConnectSchema?) throws -> JSONValue? {
        guard let schema else { return nil }
        var object = JSONObject()
        object["type"] = .string(Self.jsonTypeName(schema.type))
        switch schema.type {
        case .array:
            object["items"] = try asJsonSchema(schema.valueSchema) ?? .null
        case .map:
            object["keys"] = try asJsonSchema(schema.keySchema) ?? .null
            object["values"] = try asJsonSchema(schema.valueSchema) ?? .null
        case .struct:
            object["fields"] = .array(try schema.fields.map { field in
                var fieldObject = try asJsonSchema(field.schema)?.objectValue ?? JSONObject()
                fieldObject["field"] = .string(field.name)
                return .object(fieldObject)
            })
        default:
            break
        }
        object["optional"] = .bool(schema.isOptional)
        if let name = schema.name { object["name"] = .string(name) }
        if let version = schema.version { object["version"] = .integer(Int64(version)) }
        if let doc = schema.doc { object["doc"] = .string(doc) }
        if let parameters = schema.parameters {
            // Kafka keeps a LinkedHashMap in insertion order; the contract's dictionary has none, so sort.
            object["parameters"] = .sortedObject(parameters)
        }
        if let defaultValue = schema.defaultValue, !defaultValue.isNull {
            object["default"] = try convertToJson(schema, defaultValue) ?? .null
        }
        return .object(object)
    }

    /// Kafka's `asConnectSchema`, with its DataException sentences.
    public func asConnectSchema(_ json: JSONValue) throws -> ConnectSchema? {
        if json.isNull { return nil }
        guard let typeName = json["type"]?.stringValue else {
            throw ConnectError.dataException("Schema must contain 'type' field")
        }
        var builder: SchemaBuilder
        switch typeName {
        case "boolean": builder = SchemaBuilder(type: .boolean)
        case "int8": builder = SchemaBuilder(type: .int8)
        case "int16": builder = SchemaBuilder(type: .int16)
        case "int32": builder = SchemaBuilder(type: .int32)
        case "int64": builder = SchemaBuilder(type: .int64)
        case "float": builder = SchemaBuilder(type: .float32)
        case "double": builder = SchemaBuilder(type: .float64)
        case "bytes": builder = SchemaBuilder(type: .bytes)
        case "string": builder = SchemaBuilder(type: .string)
        case "array":
            guard let items = json["items"], !items.isNull, let element = try asConnectSchema(items) else {
                throw ConnectError.dataException("Array schema did not specify the element type")
            }
            builder = .array(element)
        case "map":
            guard let keys = json["keys"] else { throw ConnectError.dataException("Map schema did not specify the key type") }
            guard let values = json["values"] else { throw ConnectError.dataException("Map schema did not specify the value type") }
            builder = SchemaBuilder(type: .map)
            builder.keySchema = try asConnectSchema(keys)
            builder.valueSchema = try asConnectSchema(values)
        case "struct":
            builder = .struct()
            guard let fields = json["fields"]?.arrayValue else {
                throw ConnectError.dataException("Struct schema's \"fields\" argument is not an array.")
            }
            for field in fields {
                guard let name = field["field"]?.stringValue else {
                    throw ConnectError.dataException("Struct schema's field name not specified properly")
                }
                guard let fieldSchema = try asConnectSchema(field) else {
                    throw ConnectError.dataException("Struct schema's field name not specified properly")
                }
                builder = builder.field(name, fieldSchema)
            }
        default:
            throw ConnectError.dataException("Unknown schema type: \(typeName)")
        }
        builder.optional = json["optional"]?.boolValue == true
        if let name = json["name"]?.stringValue { builder.name = name }
        if let version = json["version"], version.isIntegral, let v = version.int64Value { builder.version = Int32(truncatingIfNeeded: v) }
        if let doc = json["doc"]?.stringValue { builder.doc = doc }
        if let parameters = json["parameters"]?.objectValue {
            var out: [String: String] = [:]
            for (key, value) in parameters {
                guard let text = value.stringValue else { throw ConnectError.dataException("Schema parameters must have string values.") }
                out[key] = text
            }
            builder.parameters = out
        }
        if let defaultJSON = json["default"] {
            let value = try convertToConnect(builder.build(), defaultJSON)
            if !value.isNull { builder.defaultValue = value }
        }
        return builder.build()
    }
}
