import DequeModule
import Foundation
import NIOCore
import SamsaClient
import SamsaProtocol
import Synchronization

/// The workbench's own Kafka clients. Everything a person does in the workbench (create a topic, type a
/// record, start a consumer, reset offsets) goes over the wire through SamsaClient, exactly as kcat's
/// requests would, so the embedded and the attached workbench behave alike.
///
/// Thread-safety: every method may be called from any task; state sits behind mutexes.
final class WorkbenchClients: Sendable {
    let bootstrap: String
    /// TLS and SASL for every client the workbench makes (`samsa tui --command-config`).
    let security: ClientSecurity
    let client: KafkaClient
    let admin: Admin
    let transactional: TransactionalProducers
    /// Streams applications started from the workbench.
    let streams: StreamsHost
    /// The Kafka Connect worker the workbench runs, started on first use.
    let connect: ConnectHost
    private let producers: Mutex<[Int16: Producer]> = Mutex([:])
    private let consumers: Mutex<[String: ConsumerHandle]> = Mutex([:])
    private let tail: Mutex<Deque<TailRecord>> = Mutex(Deque())
    private let notes: Mutex<Deque<ClusterEvent>> = Mutex(Deque())
    private let nextConsumer = Atomic<Int>(1)
    /// Bumped whenever the tail, the consumers or the notes change.
    let changes = Atomic<UInt64>(0)
    static let tailCapacity = 500
    static let notesCapacity = 100

    init(bootstrap: String, streamsLauncher: @escaping StreamsLauncher = StreamsDemoLauncher.launch,
         connectDirectory: String = ConnectWorkerLauncher.temporaryDirectory,
         connectLauncher: @escaping ConnectLauncher = ConnectWorkerLauncher.launch, security: ClientSecurity = .plaintext) throws {
        self.bootstrap = bootstrap
        self.security = security
        var config = try ClientConfig(bootstrap: bootstrap, clientId: "samsa-workbench")
        config.security = security
        config.requestTimeout = .seconds(15)
        client = KafkaClient(config: config)
        admin = Admin(client: client)
        transactional = TransactionalProducers(client: client, admin: admin)
        streams = StreamsHost(bootstrap: bootstrap, security: security, launcher: streamsLauncher)
        connect = ConnectHost(bootstrap: bootstrap, directory: connectDirectory, security: security, launcher: connectLauncher)
    }

    // MARK: What the snapshot shows

    /// The records consumers read, those of transactions this workbench aborted marked so.
    var tailRecords: [TailRecord] {
        let aborted = transactional.aborted
        let records = tail.withLock { Array($0) }
        guard !aborted.isEmpty else { return records }
        return records.map { record in
            aborted.contains(TransactionalProducers.Landed(topic: record.topic, partition: record.partition, offset: record.offset))
                ? record.marked(aborted: true) : record
        }
    }
    var localEvents: [ClusterEvent] { (notes.withLock { Array($0) } + streams.events + connect.events).sorted { $0.time < $1.time } }
    var runningConsumers: [WorkbenchConsumer] {
        consumers.withLock { $0.values.map(\.status) }.sorted { $0.memberId < $1.memberId }
    }

    func note(_ kind: ClusterEvent.Kind, _ text: String) {
        notes.withLock { notes in
            notes.append(ClusterEvent(time: Date(), kind: kind, text: text))
            if notes.count > Self.notesCapacity { notes.removeFirst() }
        }
        changes.add(1, ordering: .relaxed)
    }

    // MARK: Topics

    func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws {
        // What the broker answered is not shown: the snapshot shows the topic once it exists.
        _ = try await readable(.init(operation: "Create", topic: name)) {
            try await admin.createTopic(name, partitions: Int32(partitions), replicationFactor: Int16(replicationFactor))
        }
    }

    func deleteTopic(name: String) async throws {
        try await readable(.init(operation: "Delete", topic: name)) { try await admin.deleteTopic(name) }
    }

    func addPartitions(topic: String, totalPartitions: Int) async throws {
        try await readable(.init(operation: "Alter", topic: topic)) { try await admin.createPartitions(topic, total: Int32(totalPartitions)) }
    }

    // MARK: Producing

    func produce(_ request: ProduceRequest) async throws -> ProduceReceipt {
        // Key hash and sticky both leave the choice to the producer's partitioner: murmur2 of the key, or
        // sticky for a record without one, as Kafka's partitioner does.
        var partition: Int32?
        if case .explicit(let index) = request.partitioning { partition = index }
        let record = ProducerRecord(topic: request.topic, key: request.key, value: request.value, partition: partition)
        let metadata: RecordMetadata
        if let id = request.transactionalId {
            metadata = try await readable(.write(topic: request.topic, transactionalId: id)) { try await transactional.send(record, in: id) }
        } else {
            let producer = producer(acks: request.acks.rawValue)
            metadata = try await readable(.write(topic: request.topic)) { try await producer.send(record) }
        }
        return ProduceReceipt(partition: metadata.partition, offset: metadata.offset)
    }

    func producer(acks: Int16) -> Producer {
        producers.withLock { table in
            if let existing = table[acks] { return existing }
            var config = ProducerConfig()
            config.acks = acks
            config.lingerMs = 0
            config.deliveryTimeoutMs = 20_000
            let producer = Producer(client: client, config: config)
            table[acks] = producer
            return producer
        }
    }

    // MARK: Consumers

    /// Starts a group member reading `topic` from the group's committed offsets (else the beginning);
    /// its records go to the tail. Returns its id (also its client id, as the group pane shows it).
    func startConsumer(group: String, topic: String, isolation: IsolationLevel) async throws -> String {
        let id = "workbench-consumer-\(nextConsumer.wrappingAdd(1, ordering: .relaxed).oldValue)"
        var clientConfig = try ClientConfig(bootstrap: bootstrap, clientId: id)
        clientConfig.security = security
        clientConfig.requestTimeout = .seconds(15)
        let memberClient = KafkaClient(config: clientConfig)
        var config = GroupConsumerConfig(groupId: group)
        config.autoOffsetReset = .earliest
        config.autoCommitIntervalMs = 500
        config.heartbeatIntervalMs = 1000
        config.sessionTimeoutMs = 10_000
        config.fetch.isolationLevel = isolation
        let consumer: GroupConsumer
        do {
            consumer = try GroupConsumer(client: memberClient, config: config)
        } catch {
            await memberClient.close()
            throw WorkbenchError(AccessAttempt.read(topic: topic, group: group).sentence(for: error))
        }
        consumer.subscribe([topic])
        let handle = ConsumerHandle(id: id, group: group, topic: topic, isolation: isolation, consumer: consumer, client: memberClient)
        handle.start({ [weak self] handle, records in self?.append(records, from: handle) },
                     failed: { [weak self] handle, reason in self?.note(.other, "Consumer \(handle.id) cannot read \(handle.topic): \(reason)") })
        consumers.withLock { $0[id] = handle }
        note(.consumerStarted, "Consumer \(id) joined group \(group) to read \(topic) (\(isolation.name))")
        return id
    }

    /// The task polling consumer `id` (tests watch it end).
    func consumerPoller(_ id: String) -> Task<Void, Never>? {
        consumers.withLock { $0[id] }?.poller
    }

    func stopConsumer(memberId: String) async throws {
        guard let handle = consumers.withLock({ $0.removeValue(forKey: memberId) }) else {
            throw WorkbenchError("No workbench consumer is called \(memberId).")
        }
        await handle.stop()
        note(.consumerStopped, "Consumer \(memberId) committed its offsets and left group \(handle.group)")
    }

    /// Stops every consumer (they commit and leave their groups), then the clients.
    func close() async {
        let all = consumers.withLock { table -> [ConsumerHandle] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for handle in all { await handle.stop() }
        await streams.close()
        await connect.close()
        for producer in producers.withLock({ Array($0.values) }) { await producer.close() }
        await transactional.close()
        await client.close()
    }

    private func append(_ records: [ConsumerRecord], from handle: ConsumerHandle) {
        guard !records.isEmpty else { return }
        tail.withLock { tail in
            for record in records {
                tail.append(TailRecord(
                    topic: record.topic, partition: record.partition, offset: record.offset,
                    timestamp: Date(timeIntervalSince1970: Double(record.timestamp) / 1000), key: record.keyString,
                    value: record.valueString ?? "", consumer: handle.id, group: handle.group, isolation: handle.isolation))
            }
            if tail.count > Self.tailCapacity { tail.removeFirst(tail.count - Self.tailCapacity) }
        }
        changes.add(1, ordering: .relaxed)
    }

    // MARK: Offsets

    /// Moves a group's committed offsets on `topic` to its earliest or latest records, as
    /// `consumer-groups --reset-offsets --execute` does; refused while the group has members.
    func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws {
        try await readable(.read(topic: topic, group: group)) {
            if let described = try await admin.describeGroups([group]).first, !described.members.isEmpty {
                throw WorkbenchError("Offsets of group '\(group)' can only be reset while it has no active members (it is \(described.state)); stop its consumers first.")
            }
            guard let description = try await admin.describeTopics([topic]).first else { return }
            let partitions = description.partitions.map { TopicPartition(topic, $0.partition) }
            let offsets = try await admin.listOffsets(partitions, spec: target == .earliest ? -2 : -1)
            try await admin.commitOffsets(group: group, offsets)
        }
        note(.offsetsReset, "Offsets of group \(group) on \(topic) reset to the \(target.rawValue)")
    }

    /// Runs a client call, turning its failure into one readable sentence; an ACL refusal names `attempt`'s
    /// operation and resource.
    func readable<T: Sendable>(_ attempt: AccessAttempt, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as WorkbenchError {
            throw error
        } catch {
            throw WorkbenchError(attempt.sentence(for: error))
        }
    }
}
