/// A JSON document as Jackson's tree model holds it in Kafka Connect: integers and floating-point numbers kept
/// apart, object keys in insertion order. `JSONValue.parse` reads strictly (RFC 8259); `compactBytes` /
/// `compactString` write exactly what Jackson's default `ObjectMapper` writes (no spaces, Java's number text).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A whole number that fits in 64 bits (Jackson's IntNode/LongNode).
    case integer(Int64)
    /// A number with a fraction or exponent, written as Java's `Double.toString` (Jackson's DoubleNode).
    case double(Double)
    /// Written as Java's `Float.toString` (Jackson's FloatNode: what JsonConverter makes of a `float32`).
    case float(Float)
    /// A number kept as its exact text, written verbatim: BigDecimal/BigInteger values, and integers or
    /// exponents the parser cannot hold in Int64/Double without loss.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var isNull: Bool { if case .null = self { true } else { false } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The value as an Int64: integers, and verbatim numbers whose text is a whole number in range.
    public var int64Value: Int64? {
        switch self {
        case .integer(let v): v
        case .number(let text): Int64(text)
        default: nil
        }
    }

    /// The value as a Double: any number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .double(let v): v
        case .float(let v): Double(v)
        case .number(let text): Double(text)
        default: nil
        }
    }

    /// True for numbers without fraction or exponent (Jackson's `isIntegralNumber`).
    public var isIntegral: Bool {
        switch self {
        case .integer: true
        case .number(let text): !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        default: false
        }
    }

    public var isNumber: Bool {
        switch self {
        case .integer, .double, .float, .number: true
        default: false
        }
    }

    /// An object's member, or nil (also for non-objects).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { o[key] } else { nil }
    }

    /// An array's element, or nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// An object of strings with keys sorted (reproducible output for configs and offsets).
    public static func sortedObject(_ dict: [String: String]) -> JSONValue {
        .object(JSONObject(dict.keys.sorted().map { ($0, JSONValue.string(dict[$0]!)) }))
    }

    /// An object with keys sorted.
    public static func sortedObject(_ dict: [String: JSONValue]) -> JSONValue {
        .object(JSONObject(dict.keys.sorted().map { ($0, dict[$0]!) }))
    }

    /// An object's members as strings, scalars coerced as Jackson does when binding to `Map<String, String>`
    /// (`1` → "1", `true` → "true"; null members left out). Nil for a non-object or a member that is an array
    /// or object.
    public var stringDictionary: [String: String]? {
        guard case .object(let object) = self else { return nil }
        var out: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case .null: continue
            case .string(let s): out[key] = s
            case .bool, .integer, .double, .float, .number: out[key] = value.compactString
            case .array, .object: return nil
            }
        }
        return out
    }

    /// Jackson's node type names, as Kafka's error sentences print them (`getNodeType()`).
    public var nodeTypeName: String {
        switch self {
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .integer, .double, .float, .number: "NUMBER"
        case .string: "STRING"
        case .array: "ARRAY"
        case .object: "OBJECT"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Keys keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { compactString }
}
