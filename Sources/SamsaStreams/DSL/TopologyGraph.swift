import SamsaProtocol
import Synchronization

/// The processor graph a `StreamsBuilder` grows (Kafka's InternalTopologyBuilder): named nodes with their
/// parents, the stores each node uses, the internal topics, and the global stores. `StreamsBuilder.build()`
/// cuts it into subtopologies and turns it into a `Topology`.
///
/// Other DSL parts (windows, joins) add nodes here with the package-level API:
/// - `builder.newName(prefix:)` / `builder.newStoreName(prefix:)` — Kafka's global 10-digit counter.
/// - `builder.graph.addProcessor(name:parents:stores:factory:)` — a processor node; `factory` builds one
///   instance per task.
/// - `builder.graph.addStore(_:)` — a store spec (window, session, key-value); connect it by listing its name
///   in `stores:` of the processors that use it. Logged stores get a `<store>-changelog` internal topic.
/// - `builder.graph.addInternalTopic(_:)`, `builder.graph.addCopartitionGroup(_:)` (source topics, unprefixed).
/// - `KStream.repartitionIfNeeded(namePrefix:key:value:)` — inserts Kafka's repartition step
///   (sink → `<prefix>-repartition` → source) when the key changed upstream.
package final class TopologyGraph {
    package enum Kind: Sendable {
        /// Reads `topics`; `decode` turns bytes into typed key/value (throws on bad bytes); its second argument
        /// is the partition time (largest timestamp seen on the record's partition, -1 before the first).
        case source(topics: [String], decode: @Sendable (InputRecord, Int64) throws -> AnyRecord)
        case processor(factory: @Sendable () -> ProcessorNode)
        /// Writes to `topic` (internal topics by their unprefixed name); `partitioner` (record, partition count)
        /// picks the partition, nil from it or without it: the default partitioner.
        case sink(topic: String, encode: @Sendable (AnyRecord) throws -> (key: [UInt8]?, value: [UInt8]?),
                  partitioner: (@Sendable (AnyRecord, Int32) -> Int32?)?)
    }

    package struct Node: Sendable {
        package var name: String
        package var kind: Kind
        package var parents: [String]
        package var stores: [String]
        /// Nodes of a global store's subtopology (not part of any task).
        package var global: Bool
    }

    package private(set) var nodes: [Node] = []
    package private(set) var stores: [String: StoreSpec] = [:]
    package private(set) var storeOrder: [String] = []
    package private(set) var internalTopics: [InternalTopicSpec] = []
    package private(set) var copartitionGroups: [[String]] = []
    /// Global table topic → store name.
    package private(set) var globalStores: [(topic: String, store: String)] = []
    /// The grace of each windowed aggregation node (sessions: plus the gap), for `suppress(untilWindowCloses)`.
    package var windowGraces: [String: Int64] = [:]
    /// Illegal store or internal topic names, for `build()` to report (Kafka's `Named.validate`).
    package private(set) var problems: [String] = []

    init() {}

    package func node(_ name: String) -> Node? { nodes.first { $0.name == name } }

    /// A second node of one name is Kafka's "already added" topology error, reported by `build()`.
    private func isNew(_ name: String) -> Bool {
        guard node(name) != nil else { return true }
        problems.append("Processor \(name) is already added.")
        return false
    }

    package func addSource(name: String, topics: [String], global: Bool = false,
                           decode: @escaping @Sendable (InputRecord, Int64) throws -> AnyRecord) {
        guard isNew(name) else { return }
        nodes.append(Node(name: name, kind: .source(topics: topics, decode: decode), parents: [], stores: [], global: global))
    }

    package func addProcessor(name: String, parents: [String], stores: [String] = [], global: Bool = false,
                              factory: @escaping @Sendable () -> ProcessorNode) {
        guard isNew(name) else { return }
        nodes.append(Node(name: name, kind: .processor(factory: factory), parents: parents, stores: stores, global: global))
    }

    package func addSink(name: String, topic: String, parents: [String],
                         partitioner: (@Sendable (AnyRecord, Int32) -> Int32?)? = nil,
                         encode: @escaping @Sendable (AnyRecord) throws -> (key: [UInt8]?, value: [UInt8]?)) {
        guard isNew(name) else { return }
        nodes.append(Node(name: name, kind: .sink(topic: topic, encode: encode, partitioner: partitioner), parents: parents, stores: [], global: false))
    }

    /// Registers a store; a logged one also gets its `<store>-changelog` topic (compacted, plus the spec's configs).
    /// Puts a store behind the record cache (Materialized's caching, on by default) once its processor
    /// forwards what the cache flushes.
    package func enableCaching(_ name: String) { stores[name]?.cachingEnabled = true }

    package func addStore(_ spec: StoreSpec) {
        guard stores[spec.name] == nil else { return }
        if let problem = Named.problem(with: spec.name) { problems.append(problem) }
        stores[spec.name] = spec
        storeOrder.append(spec.name)
        if spec.loggingEnabled {
            var configs = ["cleanup.policy": "compact"]
            if case .window(_, let retention, _) = spec.kind { configs = ["cleanup.policy": "compact,delete", "retention.ms": String(retention + 86_400_000)] }
            if case .session(let retention) = spec.kind { configs = ["cleanup.policy": "compact,delete", "retention.ms": String(retention + 86_400_000)] }
            configs.merge(spec.changelogConfigs) { _, new in new }
            addInternalTopic(InternalTopicSpec(name: spec.changelogName, kind: .changelog, configs: configs))
        }
    }

    /// Connects an existing store to an existing node (e.g. a table source materialized after the fact).
    package func connect(store: String, to nodeName: String) {
        guard let index = nodes.firstIndex(where: { $0.name == nodeName }) else { return }
        if !nodes[index].stores.contains(store) { nodes[index].stores.append(store) }
    }

    /// Adds an internal topic; like Kafka's `InternalTopicConfig`, every one gets `message.timestamp.type=CreateTime`
    /// unless its configs say otherwise.
    package func addInternalTopic(_ topic: InternalTopicSpec) {
        guard !internalTopics.contains(where: { $0.name == topic.name }) else { return }
        if let problem = Named.problem(with: topic.name) { problems.append(problem) }
        var spec = topic
        spec.configs = ["message.timestamp.type": "CreateTime"].merging(topic.configs) { _, own in own }
        internalTopics.append(spec)
    }

    /// Source topics (as a subtopology names them) that must have equal partition counts.
    package func addCopartitionGroup(_ topics: [String]) {
        copartitionGroups.append(topics)
    }

    package func addGlobalStore(topic: String, store: String) {
        globalStores.append((topic, store))
    }
}
