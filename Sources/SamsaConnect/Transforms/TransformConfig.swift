import Foundation

/// A transform's settings read as Kafka's `SimpleConfig` reads them: validated against the `ConfigDef`
/// (throwing Kafka's sentence), strings trimmed, lists split on commas.
///
/// The contract's `ConfigDef` has no "null default" (nil means required), so keys whose Kafka default is
/// null use `TransformConfig.nullDefault` ("") and read back as nil when the setting is absent.
struct TransformConfig {
    static let nullDefault = ""

    let def: ConfigDef
    let props: [String: String]

    init(_ def: ConfigDef, _ props: [String: String]) throws {
        _ = try def.parse(props)
        self.def = def
        self.props = props
    }

    /// The trimmed value, the default when absent, or nil when absent with a null default.
    func string(_ name: String) -> String? {
        if let raw = props[name] { return raw.trimmingCharacters(in: .whitespaces) }
        guard let d = def[name]?.defaultValue, d != Self.nullDefault else { return nil }
        return d
    }

    func list(_ name: String) -> [String] { ConfigDef.list(string(name)) }

    func int(_ name: String) -> Int32? { string(name).flatMap { Int32($0) } }

    /// Kafka's `ConfigException(name, value, message)` sentence.
    static func invalid(_ name: String, _ value: String?, _ message: String) -> String {
        "Invalid value \(value ?? "null") for configuration \(name): \(message)"
    }

    /// A list as Java's `List.toString` prints it: `[a, b]`.
    static func javaList(_ items: [String]) -> String { "[\(items.joined(separator: ", "))]" }

    /// Kafka's `NonEmptyListValidator`.
    static func nonEmptyList(_ name: String) -> @Sendable (String) -> String? {
        { value in ConfigDef.list(value).isEmpty ? invalid(name, "[]", "Empty list") : nil }
    }

    /// Kafka's `ConfigDef.NonEmptyString`.
    static func nonEmptyString(_ name: String) -> @Sendable (String) -> String? {
        { value in value.trimmingCharacters(in: .whitespaces).isEmpty ? invalid(name, "", "String must be non-empty") : nil }
    }

    /// Kafka's `ConfigDef.ValidString.in(...)`.
    static func validString(_ name: String, _ allowed: [String]) -> @Sendable (String) -> String? {
        { value in
            let v = value.trimmingCharacters(in: .whitespaces)
            return allowed.contains(v) ? nil : invalid(name, v, "String must be one of: \(allowed.joined(separator: ", "))")
        }
    }
}

extension ConfigDef.Key {
    /// A transform setting: Kafka's `define(name, type, default, validator, importance, doc)`.
    static func smt(_ name: String, _ type: ConfigDef.ValueType, _ defaultValue: String?, _ importance: ConfigDef.Importance,
                    _ doc: String, validator: (@Sendable (String) -> String?)? = nil) -> ConfigDef.Key {
        ConfigDef.Key(name: name, type: type, defaultValue: defaultValue, importance: importance, documentation: doc, validator: validator)
    }
}
