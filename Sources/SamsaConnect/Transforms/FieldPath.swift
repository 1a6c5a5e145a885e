/// Kafka's `SingleFieldPath` (KIP-821): with `field.syntax.version=V1` the whole text is one top-level field;
/// with `V2` dots step into nested structs or maps, and backticks wrap names containing dots.
struct FieldPath {
    static let syntaxKey = ConfigDef.Key.smt(
        "field.syntax.version", .string, "V1", .high,
        "Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. If set to `V2`, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield `baz` from a field named \"foo.bar\" in a struct/map the following format can be used to access its elements: \"`foo.bar`.baz\".",
        validator: { value in
            let v = value.trimmingCharacters(in: .whitespaces)
            return ["V1", "V2"].contains(v.uppercased()) ? nil
                : TransformConfig.invalid("field.syntax.version", v, "String must be one of (case insensitive): V1, V2")
        })

    let steps: [String]

    init(steps: [String]) { self.steps = steps }

    init(_ text: String, v2: Bool) throws {
        steps = v2 ? try Self.parseV2(text) : [text]
    }

    private static func parseV2(_ text: String) throws -> [String] {
        let path = Array(text)
        var steps: [String] = []
        var idx = 0
        func incomplete(_ at: Int) -> ConnectError {
            .config("Incomplete backtick pair in path: [\(text)], consider adding a backslash before backtick at position \(at) to escape it")
        }
        while idx < path.count {
            if path[idx] != "`" {
                let start = idx
                if let dot = path[idx...].firstIndex(of: ".") {
                    steps.append(String(path[start..<dot])); idx = dot + 1
                } else {
                    steps.append(String(path[start...])); idx = path.count
                }
                continue
            }
            let backtickAt = idx
            idx += 1
            var field = ""
            var start = idx
            while true {
                guard let close = path[idx...].firstIndex(of: "`") else { throw incomplete(backtickAt) }
                idx = close
                let escaped = path[idx - 1] == "\\"
                if idx >= path.count - 1 {
                    if escaped { throw incomplete(backtickAt) }
                    field += String(path[start..<idx]); steps.append(field); idx += 1
                    break
                }
                if path[idx + 1] != "." { idx += 1; continue }
                if escaped { field += String(path[start..<(idx - 1)]) + "`"; idx += 1; start = idx; continue }
                field += String(path[start..<idx]); steps.append(field); idx += 2
                break
            }
        }
        if text.hasSuffix(".") { steps.append("") }
        return steps
    }

    func field(in schema: ConnectSchema) -> ConnectSchema.Field? {
        var current = schema
        for step in steps.dropLast() {
            guard let f = current.field(step) else { return nil }
            current = f.schema
        }
        return current.field(steps[steps.count - 1])
    }

    func value(in s: ConnectStruct) throws -> ConnectValue {
        var current = s
        for step in steps.dropLast() {
            guard let sub = current[step] else { return .null }
            if sub.isNull { return .null }
            guard case .structure(let next) = sub else {
                throw ConnectError.dataException("Only Struct objects supported for [nested field access], found: \(TransformRequirements.javaClassName(sub))")
            }
            current = next
        }
        return current[steps[steps.count - 1]] ?? .null
    }

    func value(in map: [ConnectValue.MapEntry]) throws -> ConnectValue {
        var current = map
        for step in steps.dropLast() {
            let sub = current[field: step] ?? .null
            if sub.isNull { return .null }
            current = try TransformRequirements.requireMap(sub, "nested field access")
        }
        return current[field: steps[steps.count - 1]] ?? .null
    }
}
