/// What Kafka's `default.deserialization.exception.handler` decides for bytes a source's serde cannot read:
/// `.logAndFail` stops the task with a `DeserializationError` (Kafka's default), `.logAndContinue` skips the
/// record and counts it as dropped (`deserialization error`).
public typealias DeserializationExceptionHandler = StreamsConfig.DeserializationExceptionHandler

/// Settings a topology's tasks run with when the runtime does not give its own.
public struct TopologyOptions: Sendable, Equatable {
    public var deserializationExceptionHandler: DeserializationExceptionHandler
    public init(deserializationExceptionHandler: DeserializationExceptionHandler = .logAndFail) {
        self.deserializationExceptionHandler = deserializationExceptionHandler
    }
}

/// A `TaskContext` that also carries task settings from the application's config (the runtime's context
/// adopts it to pass `default.deserialization.exception.handler`); they override `TopologyOptions`.
public protocol TaskSettingsProviding: TaskContext {
    var deserializationExceptionHandler: DeserializationExceptionHandler { get }
}

extension StreamsBuilder {
    /// The topology of everything built so far: subtopologies cut at repartition topics, internal topics,
    /// global stores, and a factory for each task's processor graph. Throws the first problem found while
    /// building (a missing serde, a topic read by two sources).
    public func build(_ options: TopologyOptions = TopologyOptions()) throws -> Topology {
        if let first = (errors + graph.problems).first { throw StreamsError(.topology, "Invalid topology: " + first) }
        var readers: [String: String] = [:]
        for node in graph.nodes {
            guard case .source(let topics, _) = node.kind else { continue }
            for topic in topics {
                if readers[topic] != nil { throw StreamsError(.topology, "Invalid topology: Topic \(topic) has already been registered by another source.") }
                readers[topic] = node.name
            }
        }
        let groups = graph.nodeGroups()
        let description = graph.describe(groups)
        var subtopologies: [SubtopologySpec] = []
        var plans: [Int: [TopologyGraph.Node]] = [:]
        var globalNodes: [TopologyGraph.Node] = []
        for (id, group) in groups.enumerated() {
            let members = group.compactMap { graph.node($0) }
            if members.contains(where: \.global) {
                globalNodes += members
                continue
            }
            subtopologies.append(graph.subtopologySpec(id: id, group: group))
            plans[id] = members
        }
        let allStores = graph.stores
        let globalStores = graph.globalStores.compactMap { entry in
            allStores[entry.store].map { GlobalStoreSpec(topic: entry.topic, store: $0) }
        }
        let internalNames = Set(graph.internalTopics.map(\.name))
        let resolve: @Sendable (String, String) -> String = { topic, app in
            internalNames.contains(topic) ? "\(app)-\(topic)" : topic
        }
        let plansByGroup = plans, globalGraph = globalNodes
        let storeSpecs = subtopologies.reduce(into: [Int: [StoreSpec]]()) { $0[$1.id] = $1.stores }
        let globalSpecs = globalStores.map(\.store)
        return Topology(
            description: description, subtopologies: subtopologies, internalTopics: graph.internalTopics,
            globalStores: globalStores,
            taskFactory: { id, context in
                guard let nodes = plansByGroup[id.subtopology] else {
                    throw StreamsError(.topology, "The topology has no sub-topology \(id.subtopology) for task \(id).")
                }
                return try GraphTask(nodes: nodes, stores: storeSpecs[id.subtopology] ?? [], globalStores: globalSpecs,
                                     context: context, options: options, resolve: resolve)
            },
            globalFactory: { context in
                guard !globalGraph.isEmpty else { return nil }
                return try GraphTask(nodes: globalGraph, stores: globalSpecs, globalStores: [], context: context,
                                     options: options, resolve: resolve)
            })
    }
}
