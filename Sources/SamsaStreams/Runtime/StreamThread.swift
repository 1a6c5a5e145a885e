import Foundation
import Logging
import NIOCore
import SamsaClient
import SamsaProtocol
import Synchronization

/// Kafka's `StreamThread`: a group consumer, a producer, and the tasks of the partitions it was assigned.
/// Its loop polls, hands records to tasks, sends what they wrote, punctuates, and commits every
/// `commit.interval.ms` (under exactly_once_v2: one transaction per commit interval, with the input offsets).
///
/// Thread-safety: tasks are touched only by the loop (and the rebalance callbacks `poll` runs inside it);
/// what others read (stores for queries, progress for snapshots) is published under `published`.
final class StreamThread: Sendable {
    let index: Int
    let name: String
    let topology: Topology
    let config: StreamsConfig
    let client: KafkaClient
    let consumer: GroupConsumer
    let producer: Producer
    let assignor: StreamsPartitionAssignor
    let stateDirectory: StateDirectory
    let logger: Logger
    /// Kafka's ThreadCache: `cache.max.bytes.buffering` divided among the threads, shared by this thread's tasks.
    let recordCache: ThreadCache
    let tasks: Mutex<TaskTable> = Mutex(TaskTable())
    let published: Mutex<ThreadView> = Mutex(ThreadView())
    let stopRequested = Atomic<Bool>(false)
    /// Failures reported by producer callbacks, and the changelog offsets they acknowledged.
    let sendFailure: Mutex<Error?> = Mutex(nil)
    let changelogOffsets: Mutex<[TopicPartition: Int64]> = Mutex([:])
    private let loop: Mutex<Task<Void, Never>?> = Mutex(nil)

    struct TaskTable {
        var tasks: [TaskId: StreamTask] = [:]
        var inTransaction = false
        var nextCommit = ContinuousClock.now
        var lastCommitted: [TopicPartition: Int64] = [:]
    }

    /// What the thread shows others: a snapshot of its tasks and the stores of running tasks.
    struct ThreadView: Sendable {
        var running = false
        var failed: String?
        var tasks: [StreamsSnapshot.TaskInfo] = []
        var stores: [String: [TaskId: StateStore]] = [:]
        var restoringStores: Set<String> = []
        var processedTotal: Int64 = 0
        var dropped: [DroppedRecordReason: Int64] = [:]
        var sourcePartitions: [TopicPartition] = []
    }

    init(index: Int, processId: String, clientId: String, topology: Topology, config: StreamsConfig, assignor: StreamsPartitionAssignor,
         stateDirectory: StateDirectory, logger: Logger) throws {
        self.stateDirectory = stateDirectory
        self.index = index
        name = "\(clientId)-StreamThread-\(index + 1)"
        self.topology = topology
        self.config = config
        self.assignor = assignor
        recordCache = ThreadCache(maxBytes: Int(config.cacheMaxBytesBuffering / Int64(max(1, config.numStreamThreads))))
        var threadLogger = logger
        threadLogger[metadataKey: "thread"] = "\(name)"
        self.logger = threadLogger
        var clientConfig = try config.clientConfig(clientId: name)
        clientConfig.requestTimeout = .seconds(30)
        client = KafkaClient(config: clientConfig, logger: logger)
        var consumerConfig = GroupConsumerConfig(groupId: config.applicationId)
        consumerConfig.autoOffsetReset = .earliest
        consumerConfig.fetch.fetchMaxWaitMs = 100
        var overrides = config.consumerOverrides
        overrides.removeValue(forKey: "partition.assignment.strategy")
        _ = try consumerConfig.apply(overrides)
        // Streams owns these: commits follow processing, and EOS reads only committed input.
        consumerConfig.enableAutoCommit = false
        consumerConfig.allowAutoCreateTopics = false
        consumerConfig.assignors = [assignor]
        if config.exactlyOnce { consumerConfig.fetch.isolationLevel = .readCommitted }
        consumer = try GroupConsumer(client: client, config: consumerConfig)
        var producerConfig = ProducerConfig()
        producerConfig.lingerMs = 5
        _ = try producerConfig.apply(config.producerOverrides)
        if config.exactlyOnce {
            producerConfig.transactionalId = "\(config.applicationId)-\(processId)-\(index)"
            producerConfig.transactionTimeoutMs = Int32(config.producerOverrides["transaction.timeout.ms"].flatMap(Int32.init) ?? 10000)
        }
        producer = Producer(client: client, config: producerConfig)
    }

    var sourceTopics: [String] { Array(Set(assignor.sourceTopics.values.flatMap { $0 })).sorted() }

    func start() {
        consumer.rebalanceListener = ThreadRebalanceListener(thread: self)
        loop.withLock { $0 = Task { [self] in await run() } }
    }

    /// Asks the loop to stop; `join` waits for it to commit and close.
    func requestStop() { stopRequested.store(true, ordering: .relaxed) }

    func join() async { await loop.withLock { $0 }?.value }

    private func run() async {
        do {
            if config.exactlyOnce { try await producer.initTransactions() }
            // Sink metadata up front: custom partitioners ask for partition counts before the first send.
            let sinks = Set(topology.subtopologies.flatMap(\.sinkTopics)).map { topology.resolve($0, applicationId: config.applicationId) }
            if !sinks.isEmpty { _ = try? await client.refreshMetadata(topics: sinks.sorted()) }
            consumer.subscribe(sourceTopics)
            tasks.withLock { $0.nextCommit = .now + .milliseconds(config.commitIntervalMs) }
            while !stopRequested.load(ordering: .relaxed) {
                do {
                    let records = try await consumer.poll(timeout: .milliseconds(max(config.pollMs, 10)))
                    let outgoing = try process(records)
                    try await send(outgoing)
                    let due = tasks.withLock { ContinuousClock.now >= $0.nextCommit }
                    if due { try await commit() }
                } catch let error where Self.isRecoverable(error) {
                    try await recover(from: error)
                }
                publish()
            }
            try await closeAllTasks(clean: true)
        } catch {
            logger.error("Stream thread \(name) failed: \(error)")
            published.withLock { $0.failed = "\(error)" }
            try? await closeAllTasks(clean: false)
        }
        await consumer.close()
        await producer.close()
        await client.close()
        published.withLock { $0.running = false; $0.tasks = []; $0.stores = [:] }
    }

    /// Hands records to their tasks, processes them, runs due wall-clock punctuations; returns what the tasks wrote.
    private func process(_ records: [ConsumerRecord]) throws -> [OutgoingRecord] {
        try tasks.withLock { table in
            // A poll's records come in runs per partition: look the task up once per run.
            var last: (topic: String, partition: Int32, task: StreamTask?)?
            for record in records {
                if last == nil || last!.partition != record.partition || last!.topic != record.topic {
                    let task = assignor.task(of: TopicPartition(record.topic, record.partition)).flatMap { table.tasks[$0] }
                    last = (record.topic, record.partition, task)
                }
                guard let task = last!.task else { continue }
                task.add(InputRecord(topic: record.topic, partition: record.partition, offset: record.offset, timestamp: record.timestamp,
                                     key: record.key.map { Array($0.readableBytesView) }, value: record.value.map { Array($0.readableBytesView) },
                                     headers: record.headers))
            }
            var out: [OutgoingRecord] = []
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            for id in table.tasks.keys.sorted() {
                let task = table.tasks[id]!
                guard task.isRunning else { continue }
                try task.processQueued()
                try task.punctuate(wallClockMs: now)
                out += task.context.drainOutbox()
            }
            return out
        }
    }

    /// Queues records in the producer (opening the transaction first under EOS).
    func send(_ records: [OutgoingRecord]) async throws {
        guard !records.isEmpty else { return }
        if config.exactlyOnce {
            let begin = tasks.withLock { t -> Bool in defer { t.inTransaction = true }; return !t.inTransaction }
            if begin { try producer.beginTransaction() }
        }
        for record in records {
            let tracked = record.changelogOf != nil
            try await producer.enqueue(ProducerRecord(topic: record.topic, partition: record.partition,
                                                      key: record.key.map { ByteBuffer(bytes: $0) },
                                                      value: record.value.map { ByteBuffer(bytes: $0) },
                                                      headers: record.headers, timestamp: record.timestamp)) { [self] result in
                switch result {
                case .success(let meta) where tracked:
                    changelogOffsets.withLock { offsets in
                        let tp = TopicPartition(meta.topic, meta.partition)
                        offsets[tp] = max(offsets[tp] ?? 0, meta.offset + 1)
                    }
                case .success: break
                case .failure(let error): sendFailure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
    }
}

/// Commits and closes tasks before partitions move, creates and restores them after.
struct ThreadRebalanceListener: ConsumerRebalanceListener {
    let thread: StreamThread

    func onPartitionsRevoked(_ partitions: [TopicPartition]) async {
        do {
            try await thread.closeAllTasks(clean: true)
        } catch {
            thread.logger.warning("Committing tasks before the rebalance failed; closing them without a checkpoint: \(error)")
            try? await thread.closeAllTasks(clean: false)
        }
    }

    func onPartitionsAssigned(_ partitions: [TopicPartition], userData: [UInt8]?) async {
        do {
            try await thread.createTasks(for: partitions)
        } catch {
            thread.logger.error("Creating tasks failed: \(error)")
            thread.published.withLock { $0.failed = "\(error)" }
            thread.requestStop()
        }
    }
}
