import Logging
import NIOCore
import SamsaClient
import SamsaProtocol

/// Kafka's `WorkerSourceTask`: polls the task, applies transforms then converters, hands records to the
/// producer, and commits the source offsets of acknowledged records every `offset.flush.interval.ms` and at
/// stop. `commitRecord` and `commit` are called back on the task's own Swift Task. Not Sendable: it owns the
/// connector's task object.
final class WorkerSourceTask {
    let id: ConnectorTaskId
    let task: any SourceTask
    let taskConfig: [String: String]
    let context: WorkerSourceTaskContext
    let control: TaskControl
    let converters: TaskConverters
    let transforms: TaskTransforms
    let errors: ErrorHandler
    let producer: Producer
    let offsetStore: any OffsetStore
    let flushInterval: Duration
    let logger: Logger

    let submitted = SubmittedRecords()
    let acks = SourceAcknowledgements()
    private var committed: [SourceMap: SourceMap] = [:]

    init(id: ConnectorTaskId, task: any SourceTask, taskConfig: [String: String], context: WorkerSourceTaskContext,
         control: TaskControl, converters: TaskConverters, transforms: TaskTransforms, errors: ErrorHandler,
         producer: Producer, offsetStore: any OffsetStore, flushIntervalMs: Int64, logger: Logger) {
        self.id = id
        self.task = task
        self.taskConfig = taskConfig
        self.context = context
        self.control = control
        self.converters = converters
        self.transforms = transforms
        self.errors = errors
        self.producer = producer
        self.offsetStore = offsetStore
        self.flushInterval = .milliseconds(max(1, flushIntervalMs))
        self.logger = logger
        committed = context.snapshot
    }

    /// Runs until stopped; throws the failure that ended the task (its status becomes FAILED).
    func run() async throws {
        try task.start(taskConfig, context: context)
        var nextCommit = ContinuousClock.now + flushInterval
        defer { task.stop() }
        while !control.stopRequested {
            try drainAcknowledged()
            if ContinuousClock.now >= nextCommit {
                await commitOffsets()
                nextCommit = ContinuousClock.now + flushInterval
            }
            if control.isPaused {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            let records = try await task.poll() ?? []
            if records.isEmpty {
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            control.countIn(records.count)
            for record in records { try await send(record) }
        }
        errors.triggerStop()
        await producer.flush()
        try drainAcknowledged()
        await commitOffsets()
    }

    /// Transforms, converts and queues one record; a tolerated failure drops it (its offset still counts).
    private func send(_ record: ConnectRecord) async throws {
        let ticket = submitted.submit(record)
        let errant = ErrantRecord.source(record)
        let transformed = try await errors.execute(.transformation, className: "TransformationChain", record: errant) {
            try transforms.apply(record)
        }
        guard let transformed = transformed ?? nil else { return dropped(record, ticket) }
        var headers: [RecordHeader] = []
        for header in transformed.headers {
            let bytes = try await errors.execute(.headerConverter, className: converters.headerClass, record: errant) {
                try converters.header.fromConnectHeader(topic: transformed.topic, key: header.key, schema: header.schema, value: header.value)
            }
            guard let bytes else { return dropped(record, ticket) }
            headers.append(RecordHeader(key: header.key, value: bytes.map { ByteBuffer(bytes: $0) }))
        }
        let key = try await errors.execute(.keyConverter, className: converters.keyClass, record: errant) {
            try converters.key.fromConnectData(topic: transformed.topic, headers: transformed.headers, schema: transformed.keySchema, value: transformed.key)
        }
        guard let key else { return dropped(record, ticket) }
        let value = try await errors.execute(.valueConverter, className: converters.valueClass, record: errant) {
            try converters.value.fromConnectData(topic: transformed.topic, headers: transformed.headers, schema: transformed.valueSchema, value: transformed.value)
        }
        guard let value else { return dropped(record, ticket) }
        let out = ProducerRecord(topic: transformed.topic, partition: transformed.kafkaPartition, key: key.map { ByteBuffer(bytes: $0) },
                                 value: value.map { ByteBuffer(bytes: $0) }, headers: headers, timestamp: transformed.timestamp)
        let tolerate = errors.config.tolerateAll
        try await producer.enqueue(out) { [submitted, acks, control] result in
            switch result {
            case .success(let metadata):
                submitted.ack(ticket)
                control.countOut(1)
                acks.append(record, RecordAck(topic: metadata.topic, partition: metadata.partition, offset: metadata.offset))
            case .failure(let error):
                acks.fail(record, error)
                if tolerate { submitted.ack(ticket) }
            }
        }
    }

    /// A record filtered out or skipped: its offset is committable and the task hears `commitRecord(_, nil)`.
    private func dropped(_ record: ConnectRecord, _ ticket: SubmittedRecords.Ticket?) {
        submitted.ack(ticket)
        acks.append(record, nil)
    }

    /// Calls `commitRecord` for what was acknowledged; a producer failure fails the task unless tolerated.
    private func drainAcknowledged() throws {
        for (record, ack) in acks.takeDone() { try task.commitRecord(record, metadata: ack) }
        if let (record, error) = acks.takeFailure() {
            guard errors.config.tolerateAll else {
                throw TaskFailure(message: "Unrecoverable exception from producer send callback", cause: error)
            }
            logger.error("\(errors.logMessage(.kafkaProduce, className: "org.apache.kafka.clients.producer.KafkaProducer", record: .source(record))) \(error)")
        }
    }

    /// Writes the committable offsets to the offset store, then calls the task's `commit`.
    func commitOffsets() async {
        let offsets = submitted.committableOffsets()
        guard !offsets.isEmpty else { return }
        do {
            try await offsetStore.write(connector: id.connector, offsets: offsets)
            committed.merge(offsets) { $1 }
            control.setSourceOffsets(committed.map { OffsetText.line(partition: $0.key, offset: $0.value) }.sorted())
            try task.commit()
        } catch {
            logger.error("\(id) Failed to commit offsets: \(error)")
        }
    }
}
