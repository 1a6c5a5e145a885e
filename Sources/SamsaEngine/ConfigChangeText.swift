/// The event log's sentence for a config change: what each changed key is now and was, so a person watching
/// the workbench sees why a topic's retention or cleanup suddenly behaves differently.
enum ConfigChangeText {
    /// "Topic orders config changed: retention.ms=1000 (was 604800000), cleanup.policy reverted to default (delete)".
    /// `before`/`after` are the entity's own (dynamic) configs; `effectiveBefore`/`effectiveAfter` resolve a key
    /// to the value in force, defaults included. Nil when no key changed.
    static func sentence(_ subject: String, before: [String: String], after: [String: String],
                         effectiveBefore: (String) -> String, effectiveAfter: (String) -> String) -> String? {
        let keys = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        guard !keys.isEmpty else { return nil }
        let parts = keys.map { key in
            if after[key] == nil { return "\(key) reverted to default (\(effectiveAfter(key)))" }
            return "\(key)=\(effectiveAfter(key)) (was \(effectiveBefore(key)))"
        }
        return "\(subject) config changed: \(parts.joined(separator: ", "))"
    }
}
