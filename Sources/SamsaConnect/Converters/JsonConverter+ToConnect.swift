import Foundation

extension JsonConverter {
    /// Kafka's `convertToConnect`. Without a schema the type is inferred as Kafka does: integral numbers are
    /// int64, other numbers float64, objects maps with string keys, arrays lists. `nil` is a missing node.
    func convertToConnect(_ schema: ConnectSchema?, _ json: JSONValue?) throws -> ConnectValue {
        let type: ConnectSchema.SchemaType
        let json = json ?? .null
        if let schema {
            type = schema.type
            if json.isNull {
                if let defaultValue = schema.defaultValue, !defaultValue.isNull, config.replaceNullWithDefault { return defaultValue }
                if schema.isOptional { return .null }
                throw ConnectError.dataException("Invalid null value for required \(type.rawValue.uppercased()) field")
            }
            if let name = schema.name, let logical = try logicalToConnect(name, schema, json) { return logical }
        } else {
            switch json {
            case .null: return .null
            case .bool: type = .boolean
            case .integer, .double, .float, .number: type = json.isIntegral ? .int64 : .float64
            case .array: type = .array
            case .object: type = .map
            case .string: type = .string
            }
        }
        // Jackson's accessors are lenient (a string's intValue is 0, a number's textValue is null); so is Kafka.
        switch type {
        case .boolean: return .boolean(json.boolValue ?? false)
        case .int8: return .int8(Int8(truncatingIfNeeded: Self.longValue(json)))
        case .int16: return .int16(Int16(truncatingIfNeeded: Self.longValue(json)))
        case .int32: return .int32(Int32(truncatingIfNeeded: Self.longValue(json)))
        case .int64: return .int64(Self.longValue(json))
        case .float32: return .float32(Self.floatValue(json))
        case .float64: return .float64(json.doubleValue ?? 0)
        case .string: return json.stringValue.map(ConnectValue.string) ?? .null
        case .bytes:
            guard case .string(let text) = json else { return .null }
            guard let data = Data(base64Encoded: text) else { throw ConnectError.dataException("Invalid bytes field") }
            return .bytes(Array(data))
        case .array:
            let elements: [JSONValue] = json.arrayValue ?? json.objectValue.map { $0.entries.map(\.value) } ?? []
            return .array(try elements.map { try convertToConnect(schema?.valueSchema, $0) })
        case .map:
            if schema == nil || schema?.keySchema?.type == .string {
                guard let object = json.objectValue else {
                    throw ConnectError.dataException("Maps with string fields should be encoded as JSON objects, but found \(json.nodeTypeName)")
                }
                return .map(try object.entries.map {
                    .init(key: .string($0.key), value: try convertToConnect(schema?.valueSchema, $0.value))
                })
            }
            guard let pairs = json.arrayValue else {
                throw ConnectError.dataException("Maps with non-string fields should be encoded as JSON array of tuples, but found \(json.nodeTypeName)")
            }
            return .map(try pairs.map { pair in
                guard let tuple = pair.arrayValue else {
                    throw ConnectError.dataException("Found invalid map entry instead of array tuple: \(pair.nodeTypeName)")
                }
                guard tuple.count == 2 else {
                    throw ConnectError.dataException("Found invalid map entry, expected length 2 but found :\(tuple.count)")
                }
                return .init(key: try convertToConnect(schema?.keySchema, tuple[0]), value: try convertToConnect(schema?.valueSchema, tuple[1]))
            })
        case .struct:
            guard let schema, let object = json.objectValue else {
                throw ConnectError.dataException("Structs should be encoded as JSON objects, but found \(json.nodeTypeName)")
            }
            var result = ConnectStruct(schema: schema)
            for field in schema.fields {
                try result.put(field.name, try convertToConnect(field.schema, object[field.name]))
            }
            return .structure(result)
        }
    }

    /// Decimal from a JSON number or base64 text; Date and Time need an int (Jackson's `isInt`), Timestamp any
    /// integral number. Nil for names that are not logical types.
    private func logicalToConnect(_ name: String, _ schema: ConnectSchema, _ json: JSONValue) throws -> ConnectValue? {
        switch name {
        case ConnectSchema.Logical.decimal:
            let scale = try Self.decimalScale(schema)
            if json.isNumber {
                let text: String = switch json {
                case .integer(let v): String(v)
                case .double(let v): "\(v)"
                case .float(let v): "\(v)"
                case .number(let t): t
                default: "0"
                }
                return .bytes(try DecimalText.unscaled(fromText: text, scale: scale))
            }
            if case .string(let text) = json {
                guard let data = Data(base64Encoded: text) else { throw ConnectError.dataException("Invalid bytes for Decimal field") }
                return .bytes(Array(data))
            }
            throw ConnectError.dataException("Invalid type for Decimal, underlying representation should be numeric or bytes but was \(json.nodeTypeName)")
        case ConnectSchema.Logical.date, ConnectSchema.Logical.time:
            let kind = name == ConnectSchema.Logical.date ? "Date" : "Time"
            guard case .integer(let v) = json, let days = Int32(exactly: v) else {
                throw ConnectError.dataException("Invalid type for \(kind), underlying representation should be integer but was \(json.nodeTypeName)")
            }
            return .int32(days)
        case ConnectSchema.Logical.timestamp:
            guard json.isIntegral else {
                throw ConnectError.dataException("Invalid type for Timestamp, underlying representation should be integral but was \(json.nodeTypeName)")
            }
            return .int64(Self.longValue(json))
        default:
            return nil
        }
    }

    /// Jackson's `longValue()`: numbers truncated toward zero, anything else 0.
    static func longValue(_ json: JSONValue) -> Int64 {
        switch json {
        case .integer(let v): return v
        case .number(let text):
            if let v = Int64(text) { return v }
            return Double(text).map { Int64(clampingDouble: $0) } ?? 0
        case .double, .float: return Int64(clampingDouble: json.doubleValue ?? 0)
        default: return 0
        }
    }

    static func floatValue(_ json: JSONValue) -> Float {
        switch json {
        case .float(let v): v
        case .number(let text): Float(text) ?? 0
        default: Float(json.doubleValue ?? 0)
        }
    }
}

extension Int64 {
    /// Java's `(long) double`: truncation, saturating at the ends, NaN → 0.
    init(clampingDouble d: Double) {
        if d.isNaN { self = 0 } else if d >= 9.223372036854775807e18 { self = .max } else if d <= -9.223372036854775808e18 { self = .min } else { self = Int64(d) }
    }
}
