import Foundation

/// The settings a connector, transform or converter takes, as Kafka's `ConfigDef`: it validates a map of
/// strings (missing required keys, bad types, validators) and describes itself for the REST API's
/// `config/validate` answer.
public struct ConfigDef: Sendable {
    /// Kafka's `ConfigDef.Type` names, as the REST API writes them.
    public enum ValueType: String, Sendable {
        case boolean = "BOOLEAN", string = "STRING", int = "INT", short = "SHORT", long = "LONG",
             double = "DOUBLE", list = "LIST", `class` = "CLASS", password = "PASSWORD"
    }

    public enum Importance: String, Sendable { case high = "HIGH", medium = "MEDIUM", low = "LOW" }
    public enum Width: String, Sendable { case none = "NONE", short = "SHORT", medium = "MEDIUM", long = "LONG" }

    public struct Key: Sendable {
        public var name: String
        public var type: ValueType
        /// nil: required (Kafka's `NO_DEFAULT_VALUE`).
        public var defaultValue: String?
        public var importance: Importance
        public var documentation: String
        public var group: String?
        public var orderInGroup: Int
        public var width: Width
        public var displayName: String
        public var dependents: [String]
        /// Extra checks on a present value: nil when fine, otherwise Kafka's sentence for the error.
        public var validator: (@Sendable (String) -> String?)?

        public var isRequired: Bool { defaultValue == nil }

        public init(name: String, type: ValueType, defaultValue: String?, importance: Importance, documentation: String,
                    group: String? = nil, orderInGroup: Int = -1, width: Width = .none, displayName: String? = nil,
                    dependents: [String] = [], validator: (@Sendable (String) -> String?)? = nil) {
            self.name = name
            self.type = type
            self.defaultValue = defaultValue
            self.importance = importance
            self.documentation = documentation
            self.group = group
            self.orderInGroup = orderInGroup
            self.width = width
            self.displayName = displayName ?? name
            self.dependents = dependents
            self.validator = validator
        }
    }

    public private(set) var keys: [Key] = []

    public init(_ keys: [Key] = []) { self.keys = keys }

    public func define(_ key: Key) -> ConfigDef {
        var copy = self
        copy.keys.removeAll { $0.name == key.name }
        copy.keys.append(key)
        return copy
    }

    public func merging(_ other: ConfigDef) -> ConfigDef {
        other.keys.reduce(self) { $0.define($1) }
    }

    public subscript(name: String) -> Key? { keys.first { $0.name == name } }

    /// Each defined key's errors (empty when the value is fine); the first one is Kafka's message.
    public func validate(_ props: [String: String]) -> [String: [String]] {
        var errors: [String: [String]] = [:]
        for key in keys {
            var messages: [String] = []
            let value = props[key.name] ?? key.defaultValue
            if let value {
                if let problem = Self.typeProblem(key, value) {
                    messages.append(problem)
                } else if let validator = key.validator, let problem = validator(value) {
                    messages.append(problem)
                }
            } else {
                messages.append("Missing required configuration \"\(key.name)\" which has no default value.")
            }
            errors[key.name] = messages
        }
        return errors
    }

    /// The settings with defaults filled in; throws `ConnectError.config` naming every missing required key
    /// or the first bad value.
    public func parse(_ props: [String: String]) throws -> [String: String] {
        let errors = validate(props)
        let missing = keys.filter { $0.isRequired && props[$0.name] == nil }.map(\.name)
        if !missing.isEmpty {
            let names = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            throw ConnectError.config(missing.count == 1
                ? "Missing required configuration \(names) which has no default value."
                : "Missing required configurations \(names) which have no default value.")
        }
        for key in keys { if let first = errors[key.name]?.first { throw ConnectError.config(first) } }
        var out = props
        for key in keys where out[key.name] == nil { out[key.name] = key.defaultValue }
        return out
    }

    static func typeProblem(_ key: Key, _ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let ok: Bool
        switch key.type {
        case .boolean: ok = ["true", "false"].contains(trimmed.lowercased())
        case .int: ok = Int32(trimmed) != nil
        case .short: ok = Int16(trimmed) != nil
        case .long: ok = Int64(trimmed) != nil
        case .double: ok = Double(trimmed) != nil
        case .string, .list, .class, .password: ok = true
        }
        if ok { return nil }
        let shown = key.type == .password ? "[hidden]" : value
        return "Invalid value \(shown) for configuration \(key.name): Not a number of type \(key.type.rawValue)"
            .replacingOccurrences(of: "Not a number of type BOOLEAN", with: "Expected value to be either true or false")
    }
}

extension ConfigDef {
    /// Kafka's LIST type: comma-separated, trimmed, empties dropped.
    public static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
