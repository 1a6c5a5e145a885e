import Logging
import SamsaClient
import SamsaProtocol
import Synchronization

/// Kafka's `WorkerSinkTask`: a group consumer in `connect-<name>` reads the topics, each record goes through
/// the converters then the transforms to the task's `put`; every `offset.flush.interval.ms`, at a rebalance
/// and at stop the task's `preCommit` (flush) decides which offsets the group commits. Partitions are opened
/// and closed on the task as the group assigns and revokes them. Not Sendable: it owns the task object.
final class WorkerSinkTask {
    let id: ConnectorTaskId
    let task: any SinkTask
    let taskConfig: [String: String]
    let connector: ConnectorConfig
    let control: TaskControl
    let converters: TaskConverters
    let transforms: TaskTransforms
    let errors: ErrorHandler
    let consumer: GroupConsumer
    let context: WorkerSinkTaskContext
    let batch: ConsumedBatch
    let flushInterval: Duration
    let logger: Logger

    /// The next offset to commit per partition: past every record put (or skipped).
    var currentOffsets: [TopicPartition: Int64] = [:]
    private var nextLagCheck = ContinuousClock.now

    init(id: ConnectorTaskId, task: any SinkTask, taskConfig: [String: String], connector: ConnectorConfig,
         control: TaskControl, converters: TaskConverters, transforms: TaskTransforms, errors: ErrorHandler,
         consumer: GroupConsumer, context: WorkerSinkTaskContext, batch: ConsumedBatch, flushIntervalMs: Int64, logger: Logger) {
        self.id = id
        self.task = task
        self.taskConfig = taskConfig
        self.connector = connector
        self.control = control
        self.converters = converters
        self.transforms = transforms
        self.errors = errors
        self.consumer = consumer
        self.context = context
        self.batch = batch
        self.flushInterval = .milliseconds(max(1, flushIntervalMs))
        self.logger = logger
    }

    /// Runs until stopped; throws the failure that ended the task.
    func run() async throws {
        try task.start(taskConfig, context: context)
        consumer.rebalanceListener = SinkRebalanceListener(owner: self)
        try await subscribe()
        var nextCommit = ContinuousClock.now + flushInterval
        var nextTopicCheck = ContinuousClock.now + .seconds(5)
        var failure: Error?
        do {
            while !control.stopRequested {
                let requests = context.takeRequests()
                for (tp, offset) in requests.rewinds { consumer.seek(tp, to: offset); currentOffsets[tp] = offset }
                if requests.commit || ContinuousClock.now >= nextCommit {
                    await commit(consumer.assignment)
                    nextCommit = ContinuousClock.now + flushInterval
                }
                if connector.topicsRegex != nil && ContinuousClock.now >= nextTopicCheck {
                    try await subscribe()
                    nextTopicCheck = ContinuousClock.now + .seconds(5)
                }
                applyPauses()
                let consumed: [ConsumerRecord]
                do {
                    consumed = try await consumer.poll(timeout: .milliseconds(500))
                } catch let error where !(error is CancellationError) {
                    throw TaskFailure(message: "Exiting WorkerSinkTask due to unrecoverable exception.", cause: error)
                }
                try await deliver(holdingBackPaused(consumed))
                await updateLagIfDue()
            }
        } catch {
            failure = error
        }
        errors.triggerStop()
        if failure == nil { await commit(consumer.assignment) }
        try? task.close(consumer.assignment)
        task.stop()
        consumer.rebalanceListener = nil
        await consumer.close()
        if let failure { throw failure }
    }

    private func subscribe() async throws {
        if let regex = connector.topicsRegex {
            let pattern = try Regex(regex)
            let topics = try await consumer.client.refreshMetadata().topics.keys.filter { $0.wholeMatch(of: pattern) != nil }
            if Set(topics) != Set(consumer.subscription) { consumer.subscribe(topics) }
        } else {
            consumer.subscribe(connector.topics)
        }
    }

    /// Kafka's `pauseAll`/`resumeAll` and `SinkTaskContext.pause`: the consumer does not fetch the partitions
    /// the task paused, nor any while the connector is paused; called before each poll and after a rebalance.
    func applyPauses() {
        let assigned = consumer.assignment
        let wanted = control.isPaused ? Set(assigned) : context.state.withLock { $0.paused }.intersection(assigned)
        let current = consumer.paused
        let resumed = current.subtracting(wanted), paused = wanted.subtracting(current)
        if !resumed.isEmpty { consumer.resume(resumed.sorted()) }
        if !paused.isEmpty { consumer.pause(paused.sorted()) }
    }

    /// A pause that came while the poll was in flight: its records go back (the consumer is rewound to the
    /// first of them), as Kafka's paused consumer would not have returned them. Later polls do not fetch them.
    private func holdingBackPaused(_ records: [ConsumerRecord]) -> [ConsumerRecord] {
        applyPauses()
        let paused = consumer.paused
        guard !paused.isEmpty else { return records }
        var kept: [ConsumerRecord] = []
        var rewind: [TopicPartition: Int64] = [:]
        for record in records {
            let tp = TopicPartition(record.topic, record.partition)
            if paused.contains(tp) {
                if rewind[tp] == nil { rewind[tp] = record.offset }
            } else {
                kept.append(record)
            }
        }
        for (tp, offset) in rewind { consumer.seek(tp, to: offset) }
        return kept
    }

    /// Converts, transforms and puts one poll's records; retriable put failures retry the same batch.
    private func deliver(_ consumed: [ConsumerRecord]) async throws {
        if consumed.isEmpty {
            if control.isPaused { try? await Task.sleep(for: .milliseconds(100)) }
            return
        }
        control.countIn(consumed.count)
        batch.set(consumed)
        var records: [ConnectRecord] = []
        for record in consumed {
            if let converted = try await convertAndTransform(record) { records.append(converted) }
        }
        while !records.isEmpty {
            do {
                try await task.put(records)
                break
            } catch ConnectError.retriable(let message) {
                logger.warning("\(id) RetriableException from SinkTask: \(message)")
                if control.stopRequested { return }
                try? await Task.sleep(for: .seconds(1))
            } catch {
                throw TaskFailure(message: "Exiting WorkerSinkTask due to unrecoverable exception.", cause: error)
            }
        }
        control.countOut(records.count)
        for record in consumed { currentOffsets[TopicPartition(record.topic, record.partition)] = record.offset + 1 }
    }

    private func convertAndTransform(_ record: ConsumerRecord) async throws -> ConnectRecord? {
        let errant = ErrantRecord.consumed(record)
        var headers: [ConnectHeader] = []
        for header in record.headers {
            let bytes = header.value.map { Array($0.readableBytesView) }
            let converted = try await errors.execute(.headerConverter, className: converters.headerClass, record: errant) {
                try converters.header.toConnectHeader(topic: record.topic, key: header.key, value: bytes)
            }
            guard let converted else { return nil }
            headers.append(ConnectHeader(key: header.key, schema: converted.schema, value: converted.value))
        }
        let key = try await errors.execute(.keyConverter, className: converters.keyClass, record: errant) {
            try converters.key.toConnectData(topic: record.topic, headers: headers, value: record.key.map { Array($0.readableBytesView) })
        }
        guard let key else { return nil }
        let value = try await errors.execute(.valueConverter, className: converters.valueClass, record: errant) {
            try converters.value.toConnectData(topic: record.topic, headers: headers, value: record.value.map { Array($0.readableBytesView) })
        }
        guard let value else { return nil }
        let sinkRecord = ConnectRecord(topic: record.topic, kafkaPartition: record.partition, keySchema: key.schema, key: key.value,
                                       valueSchema: value.schema, value: value.value, kafkaOffset: record.offset,
                                       timestamp: record.timestamp >= 0 ? record.timestamp : nil,
                                       timestampType: record.timestampType == .logAppendTime ? .logAppendTime : .createTime,
                                       headers: headers)
        let transformed = try await errors.execute(.transformation, className: "TransformationChain", record: errant) {
            try transforms.apply(sinkRecord)
        }
        return transformed ?? nil
    }

    /// Asks the task what is safe (`preCommit`, which flushes by default) and commits it for `partitions`.
    func commit(_ partitions: [TopicPartition]) async {
        let offsets = currentOffsets.filter { partitions.contains($0.key) }
        guard !offsets.isEmpty else { return }
        do {
            let safe = try await task.preCommit(offsets).filter { partitions.contains($0.key) }
            if !safe.isEmpty { try await consumer.commit(safe) }
        } catch {
            logger.error("\(id) Commit of offsets threw an unexpected exception: \(error)")
        }
    }

    /// Sink lag for the workbench: log end offsets minus what was put, every few seconds.
    private func updateLagIfDue() async {
        guard ContinuousClock.now >= nextLagCheck else { return }
        nextLagCheck = ContinuousClock.now + .seconds(2)
        let assigned = consumer.assignment
        guard !assigned.isEmpty, let ends = try? await Admin(client: consumer.client).listOffsets(assigned, spec: -1) else { return }
        var lag: Int64 = 0
        for tp in assigned {
            let position = currentOffsets[tp] ?? consumer.position(tp) ?? 0
            lag += max(0, (ends[tp] ?? position) - position)
        }
        control.setLag(lag)
    }
}

/// The records of the poll being delivered, so the errant record reporter can send a put's failed record to
/// the DLQ as it was consumed.
final class ConsumedBatch: Sendable {
    private let records = Mutex<[TopicPartition: [Int64: ConsumerRecord]]>([:])

    func set(_ batch: [ConsumerRecord]) {
        var map: [TopicPartition: [Int64: ConsumerRecord]] = [:]
        for r in batch { map[TopicPartition(r.topic, r.partition), default: [:]][r.offset] = r }
        records.withLock { $0 = map }
    }

    func original(of record: ConnectRecord) -> ConsumerRecord? {
        guard let topic = record.originalTopic, let partition = record.originalKafkaPartition,
              let offset = record.originalKafkaOffset else { return nil }
        return records.withLock { $0[TopicPartition(topic, partition)]?[offset] }
    }
}
