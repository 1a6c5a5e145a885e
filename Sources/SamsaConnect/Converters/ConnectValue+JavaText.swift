import Foundation

extension ConnectValue {
    /// Java's `toString()` of the value Kafka would hold (what StringConverter writes): numbers as Java prints
    /// them, lists `[a, b]`, maps `{k=v, k2=v2}`, structs `Struct{a=1,b=x}` (null fields skipped). Byte arrays,
    /// which Java prints as an identity hash (`[B@1b6d3586`), are written as base64 instead.
    public var javaString: String {
        switch self {
        case .null: "null"
        case .int8(let v): String(v)
        case .int16(let v): String(v)
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .float32(let v): JavaNumberFormat.string(v)
        case .float64(let v): JavaNumberFormat.string(v)
        case .boolean(let v): v ? "true" : "false"
        case .string(let s): s
        case .bytes(let b): Data(b).base64EncodedString()
        case .array(let elements): "[" + elements.map(\.javaString).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { $0.key.javaString + "=" + $0.value.javaString }.joined(separator: ", ") + "}"
        case .structure(let s):
            "Struct{" + s.schema.fields.compactMap { field -> String? in
                let value = s.values[field.index]
                return value.isNull ? nil : field.name + "=" + value.javaString
            }.joined(separator: ",") + "}"
        }
    }

    /// Kafka's `Values.convertToString` (what SimpleHeaderConverter writes): primitives as text, bytes as
    /// base64, lists/maps/structs in Kafka's JSON-like form with embedded strings quoted (`["a",1]`, `{"k":2}`).
    public func valuesString(embedded: Bool = false) -> String {
        switch self {
        case .string(let s):
            guard embedded else { return s }
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .bytes(let b):
            let text = Data(b).base64EncodedString()
            return embedded ? "\"" + text + "\"" : text
        case .array(let elements): return "[" + elements.map { $0.valuesString(embedded: true) }.joined(separator: ",") + "]"
        case .map(let entries):
            return "{" + entries.map { $0.key.valuesString(embedded: true) + ":" + $0.value.valuesString(embedded: true) }.joined(separator: ",") + "}"
        case .structure(let s):
            return "{" + s.schema.fields.map {
                ConnectValue.string($0.name).valuesString(embedded: true) + ":" + s.values[$0.index].valuesString(embedded: true)
            }.joined(separator: ",") + "}"
        default:
            return javaString
        }
    }
}
