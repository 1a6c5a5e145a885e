import Foundation
import Logging
import NIOCore
import SamsaClient
import SamsaProtocol
import Synchronization

/// Kafka's `GlobalStreamThread`: reads every partition of the global stores' topics into the global task,
/// first to the end (before the stream threads start, so joins see the whole table), then keeps up.
/// Global stores are rebuilt from their topic on each start (they have no changelog of their own).
final class GlobalStreamThread: Sendable {
    static let taskId = TaskId(subtopology: -1, partition: -1)

    let topology: Topology
    let config: StreamsConfig
    let client: KafkaClient
    let reader: Consumer
    let logger: Logger
    let state: Mutex<GlobalState>
    private let loop: Mutex<Task<Void, Never>?> = Mutex(nil)

    struct GlobalState {
        var processor: TaskProcessor?
        var context: GlobalTaskContext
        var processed: Int64 = 0
    }

    init(topology: Topology, config: StreamsConfig, clientId: String, logger: Logger) throws {
        self.topology = topology
        self.config = config
        self.logger = logger
        client = KafkaClient(config: try config.clientConfig(clientId: "\(clientId)-GlobalStreamThread"), logger: logger)
        var fetch = ConsumerConfig()
        fetch.fetchMaxWaitMs = 100
        if config.exactlyOnce { fetch.isolationLevel = .readCommitted }
        reader = Consumer(client: client, config: fetch)
        state = Mutex(GlobalState(context: GlobalTaskContext(applicationId: config.applicationId,
                                                              deserializationExceptionHandler: config.deserializationExceptionHandler)))
    }

    /// Builds the global task and reads its topics to their current end.
    func bootstrap() async throws {
        // The global task's stores are rebuilt by processing the global topics from the start, so its
        // processors are initialized right away.
        try state.withLock { s in
            s.processor = try topology.makeGlobalTask(context: s.context)
            try s.processor?.initialize()
        }
        let admin = Admin(client: client)
        var ends: [TopicPartition: Int64] = [:]
        for topic in Set(topology.globalStores.map(\.topic)).sorted() {
            let resolved = topology.resolve(topic, applicationId: config.applicationId)
            guard let info = try await client.refreshMetadata(topics: [resolved]).topics[resolved], !info.partitions.isEmpty else {
                throw StreamsError(.missingSourceTopic, "Missing source topics. [\(resolved)] must exist before application '\(config.applicationId)' starts.")
            }
            for p in info.partitions {
                let tp = TopicPartition(resolved, p.partition)
                ends[tp] = try await admin.listOffset(topic: resolved, partition: p.partition, spec: -1,
                                                      isolation: config.exactlyOnce ? .readCommitted : .readUncommitted).offset
            }
        }
        reader.assign(Array(ends.keys), from: .beginning)
        while ends.contains(where: { (reader.position($0.key) ?? 0) < $0.value }) {
            try await pollOnce()
        }
        logger.info("Global stores bootstrapped from \(ends.count) partitions")
    }

    func start() {
        loop.withLock { $0 = Task { [self] in
            while !Task.isCancelled {
                do { try await pollOnce() } catch is CancellationError { return } catch {
                    logger.warning("Global thread poll failed, retrying: \(error)")
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
        } }
    }

    func stop() async {
        let task = loop.withLock { $0 }
        task?.cancel()
        await task?.value
        state.withLock { s in
            try? s.processor?.flush()
            s.processor?.close()
            s.processor = nil
            for store in s.context.opened.values { store.close() }
        }
        await client.close()
    }

    private func pollOnce() async throws {
        let records = try await reader.poll(timeout: .milliseconds(200))
        guard !records.isEmpty else { return }
        try state.withLock { s in
            for record in records {
                try s.processor?.process(InputRecord(topic: record.topic, partition: record.partition, offset: record.offset,
                                                     timestamp: record.timestamp, key: record.key.map { Array($0.readableBytesView) },
                                                     value: record.value.map { Array($0.readableBytesView) }, headers: record.headers))
            }
            s.processed += Int64(records.count)
        }
    }

    func view() -> (tasks: [StreamsSnapshot.TaskInfo], stores: [String: StateStore]) {
        state.withLock { s in
            let partitions = reader.assignment
            return ([StreamsSnapshot.TaskInfo(id: Self.taskId, partitions: partitions, thread: "GlobalStreamThread",
                                              processed: s.processed, restoring: [])], s.context.opened)
        }
    }
}

/// The global task's context: stores without changelogs, and no output (a global task only fills its stores).
final class GlobalTaskContext: TaskContext, TaskSettingsProviding {
    let applicationId: String
    let deserializationExceptionHandler: DeserializationExceptionHandler
    var opened: [String: StateStore] = [:]

    init(applicationId: String, deserializationExceptionHandler: DeserializationExceptionHandler) {
        self.applicationId = applicationId
        self.deserializationExceptionHandler = deserializationExceptionHandler
    }

    var taskId: TaskId { GlobalStreamThread.taskId }

    func store(for spec: StoreSpec) throws -> StateStore {
        if let store = opened[spec.name] { return store }
        var unlogged = spec
        unlogged.loggingEnabled = false
        let store = try unlogged.open(taskDirectory: nil)  // in memory: rebuilt from the topic at each start
        opened[spec.name] = store
        return store
    }

    func send(topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8]?, timestamp: Int64, headers: [RecordHeader]) throws {
        throw StreamsError(.illegalState, "A global store's processor cannot send records (topic \(topic)).")
    }

    func recordDropped(reason: DroppedRecordReason) {}

    var wallClockMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
