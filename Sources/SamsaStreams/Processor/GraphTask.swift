import SamsaProtocol

/// One task's processor graph (Kafka's `StreamTask` body): source nodes turn input bytes into typed records,
/// records flow depth-first through the processors, sinks serialize and hand them to `TaskContext.send`.
/// Called from one thread at a time.
final class GraphTask: TaskProcessor {
    /// A node as a task runs it: its processor instance and its children, linked directly.
    final class RuntimeNode {
        let name: String
        let kind: TopologyGraph.Kind
        let processor: ProcessorNode?
        var children: [RuntimeNode] = []

        init(name: String, kind: TopologyGraph.Kind, processor: ProcessorNode?) {
            self.name = name
            self.kind = kind
            self.processor = processor
        }
    }

    private let context: TaskContext
    private let resolve: @Sendable (String, String) -> String
    private let handler: DeserializationExceptionHandler
    private var nodes: [String: RuntimeNode] = [:]
    /// Cluster topic name → source node.
    private var sourceOfTopic: [String: RuntimeNode] = [:]
    private var openStores: [String: StateStore] = [:]
    /// Store names in the order the topology lists them (upstream first), the order caches are flushed in.
    private var storeOrder: [String] = []
    /// The graph's nodes in build order (parents first), which `initialize` follows.
    private let graphNodes: [TopologyGraph.Node]
    private var initialized = false
    private let globalSpecs: [String: StoreSpec]
    private var punctuations: [Punctuation] = []
    private var partitionTimes: [PartitionKey: Int64] = [:]
    private(set) var streamTime: Int64 = .min
    private(set) var currentOrigin: RecordOrigin?

    var stores: [StateStore] { Array(openStores.values) }
    var applicationId: String { context.applicationId }
    var taskId: TaskId { context.taskId }

    init(nodes graphNodes: [TopologyGraph.Node], stores: [StoreSpec], globalStores: [StoreSpec], context: TaskContext,
         options: TopologyOptions, resolve: @escaping @Sendable (String, String) -> String) throws {
        self.context = context
        self.resolve = resolve
        self.graphNodes = graphNodes
        handler = (context as? TaskSettingsProviding)?.deserializationExceptionHandler ?? options.deserializationExceptionHandler
        globalSpecs = Dictionary(globalStores.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for spec in stores where openStores[spec.name] == nil {
            openStores[spec.name] = try context.store(for: spec)
            storeOrder.append(spec.name)
        }
        for node in graphNodes {
            var processor: ProcessorNode?
            if case .processor(let factory) = node.kind { processor = factory() }
            let runtime = RuntimeNode(name: node.name, kind: node.kind, processor: processor)
            nodes[node.name] = runtime
            if case .source(let topics, _) = node.kind {
                for topic in topics { sourceOfTopic[resolve(topic, context.applicationId)] = runtime }
            }
        }
        for node in graphNodes {
            for parent in node.parents { nodes[parent]?.children.append(nodes[node.name]!) }
        }
    }

    /// Initializes the processors, parents first, as Kafka does once the task's stores are restored.
    func initialize() throws {
        guard !initialized else { return }
        initialized = true
        for node in graphNodes {
            guard let runtime = nodes[node.name], let processor = runtime.processor else { continue }
            try processor.initialize(NodeContext(task: self, node: runtime, stores: Set(node.stores)))
        }
    }

    func process(_ input: InputRecord) throws {
        guard let source = sourceOfTopic[input.topic], case .source(_, let decode) = source.kind else {
            throw StreamsError(.topology, "Task \(context.taskId) has no source for topic \(input.topic).")
        }
        let partitionKey = PartitionKey(topic: input.topic, partition: input.partition)
        let record: AnyRecord
        do {
            record = try decode(input, partitionTimes[partitionKey] ?? -1)
        } catch let error as StreamsError {
            throw error
        } catch {
            // Decoding only deserializes: any failure here is a deserialization error (internal topics' too).
            guard handler == .logAndContinue else { throw error }
            context.recordDropped(reason: .deserializationError)
            return
        }
        guard record.timestamp >= 0 else {
            // Kafka's RecordQueue skips a record whose extractor gave a negative timestamp.
            return
        }
        partitionTimes[partitionKey] = max(partitionTimes[partitionKey] ?? -1, record.timestamp)
        streamTime = max(streamTime, record.timestamp)
        currentOrigin = RecordOrigin(topic: input.topic, partition: input.partition, offset: input.offset)
        defer { currentOrigin = nil }
        for child in source.children { try deliver(record, to: child) }
        currentOrigin = nil
        try runPunctuations(type: .streamTime, now: streamTime)
    }

    func punctuate(wallClockMs: Int64) throws {
        try runPunctuations(type: .wallClockTime, now: wallClockMs)
    }

    /// Flushes the stores upstream first, so record caches forward into downstream ones before those flush.
    func flush() throws {
        for name in storeOrder { try openStores[name]?.flush() }
        for (name, store) in openStores where !storeOrder.contains(name) { try store.flush() }
    }

    func close() {
        // A task closed while still restoring never initialized its processors: only its stores are open.
        if initialized { for node in nodes.values { node.processor?.close() } }
        for store in openStores.values { store.close() }
    }

    /// Sends a record into `node`: a processor processes it, a sink writes it.
    func deliver(_ record: AnyRecord, to node: RuntimeNode) throws {
        switch node.kind {
        case .processor: try node.processor?.process(record)
        case .sink(let topic, let encode, let partitioner):
            let (key, value) = try encode(record)
            let clusterTopic = resolve(topic, context.applicationId)
            let partition = try partitioner.flatMap { try choosePartition(record, topic: clusterTopic, sink: node.name, $0) }
            try context.send(topic: clusterTopic, partition: partition, key: key, value: value,
                             timestamp: record.timestamp, headers: record.headers)
        case .source: for child in node.children { try deliver(record, to: child) }
        }
    }

    /// A sink's custom partitioner (Kafka's `StreamPartitioner`) over the topic's partition count.
    private func choosePartition(_ record: AnyRecord, topic: String, sink: String,
                                 _ partitioner: (AnyRecord, Int32) -> Int32?) throws -> Int32? {
        guard let counts = context as? PartitionCountProviding else {
            throw StreamsError(.illegalState, "Sink \(sink) has a custom partitioner, but the runtime does not give partition counts.")
        }
        let count = try counts.partitionCount(topic: topic)
        guard let partition = partitioner(record, count) else { return nil }
        guard partition >= 0, partition < count else {
            throw StreamsError(.illegalState, "The partitioner of sink \(sink) chose partition \(partition) of \(topic), which has \(count) partitions.")
        }
        return partition
    }

    func stateStore(_ name: String, from node: String, connected: Set<String>) throws -> StateStore {
        if connected.contains(name), let store = openStores[name] { return store }
        if let spec = globalSpecs[name] {
            if let store = openStores[name] { return store }
            let store = try context.store(for: spec)
            openStores[name] = store
            return store
        }
        throw StreamsError(.invalidStateStore, "Processor \(node) has no access to StateStore \(name) as the store is not connected to the processor.")
    }

    func recordDropped(reason: DroppedRecordReason) { context.recordDropped(reason: reason) }

    func schedule(intervalMs: Int64, type: PunctuationType, callback: @escaping (Int64) throws -> Void) {
        // Kafka aligns stream-time punctuations to 0 (fire at the first record), wall-clock ones to now + interval.
        let first = type == .streamTime ? 0 : context.wallClockMs + intervalMs
        punctuations.append(Punctuation(type: type, interval: max(1, intervalMs), next: first, callback: callback))
    }

    private func runPunctuations(type: PunctuationType, now: Int64) throws {
        for index in punctuations.indices where punctuations[index].type == type && punctuations[index].next <= now {
            let due = punctuations[index]
            // Missed intervals fire once (Kafka's PunctuationSchedule.next).
            let missed = (now - due.next) / due.interval
            punctuations[index].next = due.next + (missed + 1) * due.interval
            try due.callback(now)
        }
    }

    struct PartitionKey: Hashable {
        var topic: String
        var partition: Int32
    }

    struct Punctuation {
        var type: PunctuationType
        var interval: Int64
        var next: Int64
        var callback: (Int64) throws -> Void
    }
}
