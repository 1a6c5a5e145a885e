/// How Java prints a Connect value (`String.valueOf(record.value())`), which is what Kafka's FileStreamSinkTask
/// writes: strings as they are, `null`, Struct's `Struct{a=1,b=x}` (null fields left out), maps `{k=v, k2=v2}`,
/// lists `[a, b]`, floats as `1.0`.
extension ConnectValue {
    var javaString: String {
        switch self {
        case .null: "null"
        case .int8(let v): String(v)
        case .int16(let v): String(v)
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .float32(let v): Self.javaFloatingString(Double(v), float: true)
        case .float64(let v): Self.javaFloatingString(v, float: false)
        case .boolean(let v): v ? "true" : "false"
        case .string(let v): v
        case .bytes(let v): String(decoding: v, as: UTF8.self)
        case .array(let items): "[" + items.map(\.javaString).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key.javaString)=\($0.value.javaString)" }.joined(separator: ", ") + "}"
        case .structure(let s):
            "Struct{" + s.schema.fields.compactMap { field in
                let value = s.values[field.index]
                return value.isNull ? nil : "\(field.name)=\(value.javaString)"
            }.joined(separator: ",") + "}"
        }
    }

    /// Java's `Double.toString`/`Float.toString` for the common range: always a fraction digit (`2.0`), and
    /// `NaN`/`Infinity` spelled as Java does.
    static func javaFloatingString(_ v: Double, float: Bool) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        let text = float ? "\(Float(v))" : "\(v)"
        if text.contains("e") || text.contains(".") { return text.replacingOccurrences(of: "e", with: "E") }
        return text + ".0"
    }
}
