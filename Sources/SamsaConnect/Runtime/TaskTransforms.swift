/// One task's `transforms=` chain. Interim: plain aliases with `transforms.<alias>.type` from the plugin
/// registry, until the transforms work's `TransformationChain` (predicates, Kafka's sentences) replaces it.
final class TaskTransforms {
    private var steps: [(className: String, transform: any Transformation)] = []

    init(_ props: [String: String], plugins: PluginRegistry) throws {
        for alias in ConfigDef.list(props["transforms"]) {
            let prefix = "transforms.\(alias)."
            guard let type = props[prefix + "type"], !type.isEmpty else {
                throw ConnectError.config("Missing required configuration \"\(prefix)type\" which has no default value.")
            }
            guard let plugin = plugins.transform(type) else {
                throw ConnectError.config("Invalid value \(type) for configuration \(prefix)type: Class \(type) could not be found.")
            }
            let transform = plugin.make()
            try transform.configure(ConnectorConfig.stripping(prefix, props))
            steps.append((plugin.className, transform))
        }
    }

    var isEmpty: Bool { steps.isEmpty }

    /// Applies each transform in order; nil when one drops the record. A failure names the transform's class.
    func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        var current = record
        for step in steps {
            do {
                guard let next = try step.transform.apply(current) else { return nil }
                current = next
            } catch {
                throw StageError(stage: .transformation, className: step.className, error: error)
            }
        }
        return current
    }

    func close() {
        for step in steps { step.transform.close() }
    }
}
