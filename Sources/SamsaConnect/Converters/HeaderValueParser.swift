import Foundation

/// The part of Kafka's `Values.parseString` that SimpleHeaderConverter needs: `""` and any text that is not a
/// single literal stay a STRING; `null`; `true`/`false` → BOOLEAN; whole numbers → the smallest of
/// INT8/INT16/INT32/INT64 that holds them; other numbers → FLOAT32 when finite as a float, else FLOAT64;
/// `[…]` and `{…}` in JSON form → arrays and maps, typed when every element shares a schema.
/// Not covered: ISO-8601 dates/times (they stay strings) and Kafka's unquoted-string lists.
public enum HeaderValueParser {
    public static func parse(_ text: String) -> SchemaAndValue {
        if text.isEmpty { return SchemaAndValue(schema: .string, value: .string(text)) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "null" { return .null }
        if trimmed == "true" || trimmed == "false" { return SchemaAndValue(schema: .boolean, value: .boolean(trimmed == "true")) }
        if let number = parseNumber(trimmed) { return number }
        if trimmed.hasPrefix("[") || trimmed.hasPrefix("{"), let json = try? JSONValue.parse(trimmed), let parsed = fromJSON(json) {
            return parsed
        }
        return SchemaAndValue(schema: .string, value: .string(text))
    }

    static func parseNumber(_ token: String) -> SchemaAndValue? {
        guard let json = try? JSONValue.parse(token.hasPrefix("+") ? String(token.dropFirst()) : token), json.isNumber else { return nil }
        // Kafka: a value equal to a whole number (even `1.0` or `1e3`) is an integer.
        if let v = json.int64Value ?? json.doubleValue.flatMap({ Int64(exactly: $0) }) {
            if let b = Int8(exactly: v) { return SchemaAndValue(schema: .int8, value: .int8(b)) }
            if let s = Int16(exactly: v) { return SchemaAndValue(schema: .int16, value: .int16(s)) }
            if let i = Int32(exactly: v) { return SchemaAndValue(schema: .int32, value: .int32(i)) }
            return SchemaAndValue(schema: .int64, value: .int64(v))
        }
        guard !json.isIntegral, let d = json.doubleValue else { return nil }
        let f = Float(d)
        if f.isFinite { return SchemaAndValue(schema: .float32, value: .float32(f)) }
        if d.isFinite { return SchemaAndValue(schema: .float64, value: .float64(d)) }
        return nil
    }

    /// Elements of a parsed list or map, inferred one by one.
    static func fromJSON(_ json: JSONValue) -> SchemaAndValue? {
        switch json {
        case .null: return .null
        case .bool(let b): return SchemaAndValue(schema: .boolean, value: .boolean(b))
        case .string(let s): return SchemaAndValue(schema: .string, value: .string(s))
        case .integer, .double, .float, .number: return parseNumber(json.compactString)
        case .array(let elements):
            let parsed = elements.map { fromJSON($0) ?? .null }
            let schema = commonSchema(parsed.map(\.schema)).map { SchemaBuilder.array($0).build() }
            return SchemaAndValue(schema: schema, value: .array(parsed.map(\.value)))
        case .object(let object):
            let values = object.entries.map { fromJSON($0.value) ?? .null }
            let schema = commonSchema(values.map(\.schema)).map { SchemaBuilder.map(.string, $0).build() }
            return SchemaAndValue(schema: schema, value: .map(zip(object.keys, values).map { .init(key: .string($0), value: $1.value) }))
        }
    }

    /// The one schema every element has; numbers of different widths widen to the widest, as Kafka does.
    static func commonSchema(_ schemas: [ConnectSchema?]) -> ConnectSchema? {
        guard var common = schemas.first ?? nil else { return nil }
        let order: [ConnectSchema.SchemaType] = [.int8, .int16, .int32, .int64, .float32, .float64]
        for schema in schemas.dropFirst() {
            guard let schema else { return nil }
            if schema == common { continue }
            guard let a = order.firstIndex(of: common.type), let b = order.firstIndex(of: schema.type) else { return nil }
            common = ConnectSchema(type: order[max(a, b)])
        }
        return common
    }
}
