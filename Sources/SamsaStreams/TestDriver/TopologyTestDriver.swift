import SamsaProtocol

/// Runs a topology without a broker (Kafka's `TopologyTestDriver`): every topic has one partition, each
/// subtopology one task (`<id>_0`), stores live in memory. Records written to a repartition topic, or to any
/// topic the topology also reads, are processed by the reading task before `pipeInput` returns; every written
/// record (changelogs included) can be read back from its topic. Wall-clock time moves only by
/// `advanceWallClockTime`. Not thread-safe: use it from one test.
public final class TopologyTestDriver {
    public let topology: Topology
    public let applicationId: String
    public private(set) var wallClockMs: Int64
    /// Dropped records by reason, as the tasks counted them.
    public private(set) var droppedRecords: [DroppedRecordReason: Int] = [:]

    struct Written {
        var key: [UInt8]?
        var value: [UInt8]?
        var timestamp: Int64
        var headers: [RecordHeader]
    }

    private var tasks: [Int: TaskProcessor] = [:]
    private var globalTask: TaskProcessor?
    /// Cluster topic name → subtopology reading it.
    private var readers: [String: Int] = [:]
    private var globalTopics: Set<String> = []
    private var outputs: [String: [Written]] = [:]
    private var offsets: [String: Int64] = [:]
    private var pending: [InputRecord] = []
    private var stores: [String: StateStore] = [:]
    private let changelogs = ChangelogBuffer()
    private let storeFactory: (StoreSpec) throws -> StateStore

    /// - Parameter storeFactory: opens each store (default: in-memory stores).
    public init(_ topology: Topology, applicationId: String = "test-application", initialWallClockMs: Int64 = 0,
                storeFactory: ((StoreSpec) throws -> StateStore)? = nil) throws {
        self.topology = topology
        self.applicationId = applicationId
        self.wallClockMs = initialWallClockMs
        self.storeFactory = storeFactory ?? Self.inMemoryStore
        for global in topology.globalStores { globalTopics.insert(global.topic) }
        if !topology.globalStores.isEmpty {
            globalTask = try topology.makeGlobalTask(context: DriverTaskContext(driver: self, taskId: TaskId(subtopology: -1, partition: -1)))
            try globalTask?.initialize()
        }
        for sub in topology.subtopologies {
            for topic in sub.sourceTopics { readers[topology.resolve(topic, applicationId: applicationId)] = sub.id }
            let id = TaskId(subtopology: sub.id, partition: 0)
            let task = try topology.makeTask(id, context: DriverTaskContext(driver: self, taskId: id))
            try task.initialize()
            tasks[sub.id] = task
        }
    }

    /// Feeds one record into `topic` (by its cluster name) and processes everything it causes.
    public func pipeInput(topic: String, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader] = []) throws {
        guard readers[topic] != nil || globalTopics.contains(topic) else {
            throw StreamsError(.topology, "Unknown topic: \(topic). The topology reads \((readers.keys.sorted() + globalTopics.sorted()).joined(separator: ", ")).")
        }
        enqueue(topic: topic, key: key, value: value, timestamp: timestamp, headers: headers)
        try drain()
    }

    /// Moves the wall clock and runs the wall-clock punctuations that came due.
    public func advanceWallClockTime(_ ms: Int64) throws {
        wallClockMs += ms
        changelogs.recordTimestamp = wallClockMs
        for id in tasks.keys.sorted() { try tasks[id]?.punctuate(wallClockMs: wallClockMs) }
        collectChangelogs()
        try drain()
    }

    public func inputTopic<K, V>(_ topic: String, key: Serde<K>, value: Serde<V>) -> TestInputTopic<K, V> {
        TestInputTopic(driver: self, topic: topic, keySerde: key, valueSerde: value)
    }

    public func outputTopic<K, V>(_ topic: String, key: Serde<K>, value: Serde<V>) -> TestOutputTopic<K, V> {
        TestOutputTopic(driver: self, topic: topic, keySerde: key, valueSerde: value)
    }

    /// Topics records were written to (sinks, repartition and changelog topics), by cluster name.
    public var producedTopicNames: [String] { outputs.keys.sorted() }

    public func keyValueStore(_ name: String) -> KeyValueStore? { unwrapped(name) as? KeyValueStore }
    public func windowStore(_ name: String) -> WindowStore? { unwrapped(name) as? WindowStore }
    public func sessionStore(_ name: String) -> SessionStore? { unwrapped(name) as? SessionStore }
    public func stateStore(_ name: String) -> StateStore? { stores[name] }

    /// Flushes and closes every task and store.
    public func close() {
        for id in tasks.keys.sorted() {
            try? tasks[id]?.flush()
            tasks[id]?.close()
        }
        globalTask?.close()
        tasks = [:]
        globalTask = nil
    }

    // MARK: what the tasks call

    func readOutput(topic: String) -> Written? {
        guard var queue = outputs[topic], !queue.isEmpty else { return nil }
        let first = queue.removeFirst()
        outputs[topic] = queue
        return first
    }

    func outputQueueSize(_ topic: String) -> Int { outputs[topic]?.count ?? 0 }

    func send(topic: String, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) {
        outputs[topic, default: []].append(Written(key: key, value: value, timestamp: timestamp, headers: headers))
        if readers[topic] != nil || globalTopics.contains(topic) {
            enqueue(topic: topic, key: key, value: value, timestamp: timestamp, headers: headers)
        }
    }

    func store(for spec: StoreSpec, taskId: TaskId) throws -> StateStore {
        if let open = stores[spec.name] { return open }
        var store = try storeFactory(spec)
        let isGlobal = topology.globalStores.contains { $0.store.name == spec.name }
        if spec.loggingEnabled && !isGlobal {
            store = Self.logged(store, spec: spec, topic: "\(applicationId)-\(spec.changelogName)", buffer: changelogs)
        }
        stores[spec.name] = store
        return store
    }

    func dropped(_ reason: DroppedRecordReason) { droppedRecords[reason, default: 0] += 1 }

    // MARK: processing

    /// Moves what logged stores wrote into their changelog topics.
    private func collectChangelogs() {
        for entry in changelogs.take() {
            outputs[entry.topic, default: []].append(Written(key: entry.key, value: entry.value, timestamp: entry.timestamp, headers: []))
        }
    }

    private func enqueue(topic: String, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) {
        let offset = offsets[topic, default: 0]
        offsets[topic] = offset + 1
        pending.append(InputRecord(topic: topic, partition: 0, offset: offset, timestamp: timestamp, key: key, value: value,
                                   headers: headers))
    }

    private func drain() throws {
        while !pending.isEmpty {
            let record = pending.removeFirst()
            changelogs.recordTimestamp = record.timestamp
            if globalTopics.contains(record.topic) {
                try globalTask?.process(record)
            } else if let id = readers[record.topic], let task = tasks[id] {
                try task.process(record)
            }
            collectChangelogs()
        }
    }

    private func unwrapped(_ name: String) -> StateStore? {
        stores[name].map(Self.unwrapped)
    }
}

/// What the driver gives each task: every topic has one partition.
final class DriverTaskContext: PartitionCountProviding {
    private unowned let driver: TopologyTestDriver
    let taskId: TaskId

    init(driver: TopologyTestDriver, taskId: TaskId) {
        self.driver = driver
        self.taskId = taskId
    }

    var applicationId: String { driver.applicationId }
    var wallClockMs: Int64 { driver.wallClockMs }
    func store(for spec: StoreSpec) throws -> StateStore { try driver.store(for: spec, taskId: taskId) }
    func send(topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) throws {
        driver.send(topic: topic, key: key, value: value, timestamp: timestamp, headers: headers)
    }
    func recordDropped(reason: DroppedRecordReason) { driver.dropped(reason) }
    func partitionCount(topic: String) throws -> Int32 { 1 }
}
