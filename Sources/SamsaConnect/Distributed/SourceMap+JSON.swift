/// Source partitions and offsets as a schemaless JsonConverter writes and reads them (Kafka's offset topic
/// format): integers as JSON integers (read back as int64), doubles as doubles, maps and structs as objects.
enum SchemalessJSON {
    static func json(_ value: ConnectValue) -> JSONValue {
        switch value {
        case .null: .null
        case .int8(let v): .integer(Int64(v))
        case .int16(let v): .integer(Int64(v))
        case .int32(let v): .integer(Int64(v))
        case .int64(let v): .integer(v)
        case .float32(let v): .float(v)
        case .float64(let v): .double(v)
        case .boolean(let v): .bool(v)
        case .string(let v): .string(v)
        case .bytes(let v): .string(base64(v))  // Jackson writes binary nodes as base64 text
        case .array(let items): .array(items.map(json))
        case .map(let entries):
            .object(JSONObject(entries.map { (keyText($0.key), json($0.value)) }))
        case .structure(let s):
            .object(JSONObject(s.schema.fields.map { ($0.name, json(s[$0.name] ?? .null)) }))
        }
    }

    static func json(_ map: SourceMap) -> JSONValue {
        .object(JSONObject(map.keys.sorted().map { ($0, json(map[$0]!)) }))
    }

    static func value(_ json: JSONValue) -> ConnectValue {
        switch json {
        case .null: .null
        case .bool(let v): .boolean(v)
        case .integer(let v): .int64(v)
        case .double(let v): .float64(v)
        case .float(let v): .float64(Double(v))
        case .number(let text): Int64(text).map(ConnectValue.int64) ?? .float64(Double(text) ?? 0)
        case .string(let v): .string(v)
        case .array(let items): .array(items.map(value))
        case .object(let object): .map(object.entries.map { .init(key: .string($0.key), value: value($0.value)) })
        }
    }

    static func sourceMap(_ json: JSONValue) -> SourceMap? {
        guard let object = json.objectValue else { return nil }
        var map: SourceMap = [:]
        for (key, item) in object { map[key] = value(item) }
        return map
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            let n = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for i in 0..<4 { out.append(i <= chunk.count ? alphabet[(n >> (18 - 6 * i)) & 63] : "=") }
        }
        return out
    }

    private static func keyText(_ key: ConnectValue) -> String {
        if case .string(let s) = key { return s }
        return json(key).compactString
    }
}
