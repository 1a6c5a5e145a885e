/// One change IncrementalAlterConfigs asks for, in Kafka's semantics: SET a value, DELETE (revert to the
/// default), APPEND to or SUBTRACT from a list config such as cleanup.policy.
public enum ConfigAlteration: Sendable, Equatable {
    case set(String, String)
    case delete(String)
    case append(String, String)
    case subtract(String, String)

    public var name: String {
        switch self {
        case .set(let name, _), .delete(let name), .append(let name, _), .subtract(let name, _): name
        }
    }

    /// Applies `alterations` to `current` (a resource's dynamic configs) as Kafka's ConfigAdminManager does;
    /// `definition` finds a key's type and default. Throws for repeated keys and for APPEND/SUBTRACT on a key
    /// that is not a list.
    static func apply(_ alterations: [ConfigAlteration], to current: [String: String],
                      definition: (String) -> ConfigDefinition?) throws -> [String: String] {
        var seen = Set<String>()
        for alteration in alterations where !seen.insert(alteration.name).inserted {
            throw EngineError(.invalidRequest, "Error due to duplicate config keys: \(alteration.name) appears more than once.")
        }
        var result = current
        for alteration in alterations {
            switch alteration {
            case .set(let name, let value):
                result[name] = value
            case .delete(let name):
                result[name] = nil
            case .append(let name, let value), .subtract(let name, let value):
                guard let known = definition(name) else { throw EngineError(.invalidConfig, "Unknown config name: \(name).") }
                let isAppend = if case .append = alteration { true } else { false }
                guard known.kind == .list else {
                    throw EngineError(.invalidConfig, "Config value \(isAppend ? "append" : "subtract") is not allowed "
                                      + "for config key: \(name) (it is not a list).")
                }
                let old = (result[name] ?? known.defaultValue).split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
                let items = value.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
                let next = isAppend ? old + items.filter { !old.contains($0) } : old.filter { !items.contains($0) }
                result[name] = next.joined(separator: ",")
            }
        }
        return result
    }
}
