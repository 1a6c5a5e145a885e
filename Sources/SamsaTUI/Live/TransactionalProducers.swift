import SamsaClient
import SamsaProtocol
import Synchronization

/// The workbench's transactional producers, one per transactional id, made and initialised on first use
/// (InitProducerId fences an older producer with the same id, in this workbench or anywhere else). It
/// remembers where each transaction's records landed, so those of an aborted one can be marked in the tail.
///
/// Thread-safety: every method may be called from any task; the workbench calls them in order (its
/// actions for transactions go through one queue).
final class TransactionalProducers: Sendable {
    /// Where a record landed.
    struct Landed: Hashable, Sendable {
        let topic: String
        let partition: Int32
        let offset: Int64
    }

    private final class Session: Sendable {
        let producer: Producer
        /// The open transaction's records.
        let written: Mutex<[Landed]> = Mutex([])

        init(producer: Producer) { self.producer = producer }
    }

    private let client: KafkaClient
    private let admin: Admin
    private let sessions: Mutex<[String: Session]> = Mutex([:])
    private let abortedRecords: Mutex<Set<Landed>> = Mutex([])

    init(client: KafkaClient, admin: Admin) {
        self.client = client
        self.admin = admin
    }

    /// Records of transactions this workbench aborted.
    var aborted: Set<Landed> { abortedRecords.withLock { $0 } }

    func begin(_ id: String) async throws -> TransactionReceipt {
        var session = self.session(id)
        // A fenced (or otherwise failed) producer can only be closed; a new one with the same id starts over.
        if session.producer.transactionState == .fatalError {
            await drop(id)
            session = self.session(id)
        }
        if session.producer.transactionState == .uninitialized { try await session.producer.initTransactions() }
        try session.producer.beginTransaction()
        session.written.withLock { $0 = [] }
        return await receipt(id, records: 0)
    }

    func send(_ record: ProducerRecord, in id: String) async throws -> RecordMetadata {
        guard let session = sessions.withLock({ $0[id] }), session.producer.transactionState == .inTransaction else {
            throw WorkbenchError("No transaction \(id) is open here; ^T in the producer begins one.")
        }
        let metadata = try await session.producer.send(record)
        session.written.withLock { $0.append(Landed(topic: metadata.topic, partition: metadata.partition, offset: metadata.offset)) }
        return metadata
    }

    func commit(_ id: String) async throws -> TransactionReceipt {
        let session = try open(id)
        try await session.producer.commitTransaction()
        let written = session.written.withLock { written in
            defer { written = [] }
            return written
        }
        return await receipt(id, records: written.count)
    }

    func abort(_ id: String) async throws -> TransactionReceipt {
        let session = try open(id)
        do {
            try await session.producer.abortTransaction()
        } catch {
            if session.producer.transactionState == .fatalError { await drop(id) }
            throw error
        }
        let written = session.written.withLock { written in
            defer { written = [] }
            return written
        }
        abortedRecords.withLock { $0.formUnion(written) }
        return await receipt(id, records: written.count)
    }

    /// Aborts what is still open (rather than leaving it to hold back the LSO until its timeout), then closes.
    func close() async {
        for session in sessions.withLock({ table in defer { table.removeAll() }; return Array(table.values) }) {
            if session.producer.transactionState == .inTransaction { try? await session.producer.abortTransaction() }
            await session.producer.close()
        }
    }

    private func session(_ id: String) -> Session {
        sessions.withLock { table in
            if let existing = table[id] { return existing }
            var config = ProducerConfig()
            config.transactionalId = id
            config.acks = -1
            config.lingerMs = 0
            config.deliveryTimeoutMs = 20_000
            config.maxBlockMs = 20_000
            let session = Session(producer: Producer(client: client, config: config))
            table[id] = session
            return session
        }
    }

    private func open(_ id: String) throws -> Session {
        guard let session = sessions.withLock({ $0[id] }) else {
            throw WorkbenchError("No transaction \(id) was begun here; ^T in the producer begins one.")
        }
        return session
    }

    private func drop(_ id: String) async {
        if let session = sessions.withLock({ $0.removeValue(forKey: id) }) { await session.producer.close() }
    }

    /// The producer id and epoch as the coordinator has them now (the client keeps its own to itself);
    /// -1 when the coordinator cannot say.
    private func receipt(_ id: String, records: Int) async -> TransactionReceipt {
        let described = try? await admin.describeTransaction(id)
        return TransactionReceipt(transactionalId: id, producerId: described?.producerId ?? -1,
                                  producerEpoch: described?.producerEpoch ?? -1, records: records)
    }
}
