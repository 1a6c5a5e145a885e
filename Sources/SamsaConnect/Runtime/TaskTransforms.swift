/// One task's `transforms=` chain (the transforms work's `TransformationChain`), applied stage by stage so a
/// failure names the transform's class, as Kafka's `TRANSFORMATION` stage reports do.
final class TaskTransforms {
    let chain: TransformationChain
    private let classNames: [String]

    init(_ props: [String: String], plugins: PluginRegistry) throws {
        chain = try TransformationChain(config: props, plugins: plugins)
        classNames = chain.stages.map { stage in
            let type = props["transforms.\(stage.alias).type"] ?? stage.alias
            return plugins.transform(type)?.className ?? type
        }
    }

    var isEmpty: Bool { chain.isEmpty }

    /// Applies each stage in order; nil when one drops the record. A failure is a `StageError` naming the class.
    func apply(_ record: ConnectRecord) throws -> ConnectRecord? {
        var current = record
        for (index, stage) in chain.stages.enumerated() {
            do {
                guard let next = try stage.apply(current) else { return nil }
                current = next
            } catch {
                throw StageError(stage: .transformation, className: classNames[index], error: error)
            }
        }
        return current
    }

    func close() { chain.close() }
}
