#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// Sends records to partition leaders in batches: records gather per partition for `linger.ms` or until
/// a batch is full, one request per leader carries a batch per partition, retriable errors are retried
/// (refreshing metadata) until `delivery.timeout.ms`, and each record's sender learns its offset.
///
/// With `transactional.id` the producer is transactional (see `Producer+Transactions`): its batches carry
/// its producer id, epoch and sequence numbers, and each partition joins the open transaction before its
/// first batch is sent.
///
/// Thread-safety: `send` may be called from many tasks at once.
public final class Producer: Sendable {
    public let client: KafkaClient
    public let config: ProducerConfig
    let accumulator: RecordAccumulator
    let transactions: TransactionManager?
    let wakeup = Wakeup()
    let idle = Wakeup()
    private let sticky: Mutex<[String: Int32]> = Mutex([:])
    private let roundRobin = Atomic<Int>(0)
    private let sender: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let stopped = Atomic<Bool>(false)

    public init(client: KafkaClient, config: ProducerConfig = ProducerConfig()) {
        self.client = client
        var config = config
        if config.transactionalId != nil { config.acks = -1 }
        self.config = config
        transactions = config.transactionalId.map { TransactionManager(transactionalId: $0, timeoutMs: config.transactionTimeoutMs) }
        accumulator = RecordAccumulator(config: config, transactions: transactions)
        sender.withLock { $0 = Task { [self] in await runSender() } }
    }

    /// Sends a record and waits until the broker acknowledges it (or it fails for good).
    @discardableResult
    public func send(_ record: ProducerRecord) async throws -> RecordMetadata {
        try await withCheckedThrowingContinuation { continuation in
            Task {
                do {
                    try await self.enqueue(record) { continuation.resume(with: $0) }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Queues a record and returns once it is buffered; `completion` runs when it is acknowledged or fails.
    /// Waits first if the buffer is full.
    public func enqueue(_ record: ProducerRecord, completion: (@Sendable (Result<RecordMetadata, Error>) -> Void)? = nil) async throws {
        try transactions?.checkCanSend()
        while accumulator.bufferedBytes > config.bufferMemory { try await Task.sleep(for: .milliseconds(1)) }
        let partition = try await choosePartition(for: record)
        let full = try accumulator.append(topic: record.topic, partition: partition, key: record.key, value: record.value,
                                          headers: record.headers, timestamp: record.timestamp ?? Self.now(),
                                          callback: completion)
        if full {
            if record.key == nil && record.partition == nil { rotateSticky(record.topic, away: partition) }
            wakeup.notify()
        } else if config.lingerMs == 0 {
            wakeup.notify()
        }
    }

    /// Waits until every buffered record has been acknowledged or has failed.
    public func flush() async {
        accumulator.beginFlush()
        defer { accumulator.endFlush() }
        wakeup.notify()
        while !accumulator.isEmpty { await idle.wait(timeout: .milliseconds(50)) }
    }

    /// Flushes, then stops the sender.
    public func close() async {
        await flush()
        stopped.store(true, ordering: .relaxed)
        accumulator.close()
        wakeup.notify()
        await sender.withLock { $0 }?.value
    }

    /// Wall-clock milliseconds, the CreateTime of records sent without a timestamp.
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    // MARK: Partitioning

    private func choosePartition(for record: ProducerRecord) async throws -> Int32 {
        let topic = try await client.topic(record.topic, allowAutoCreate: true)
        let count = topic.partitions.count
        // Metadata answers a topic the principal may not describe with TOPIC_AUTHORIZATION_FAILED and no partitions.
        if let refused = ClientError.authorization(topic.error, "Write", topic: record.topic) { throw refused }
        guard count > 0 else { throw ClientError.broker(.leaderNotAvailable, "Topic '\(record.topic)' has no partitions yet.") }
        if let partition = record.partition {
            guard partition >= 0 && Int(partition) < count else {
                throw ClientError.invalidArgument("Partition \(partition) does not exist; '\(record.topic)' has \(count).")
            }
            return partition
        }
        if let key = record.key { return Partitioner.partition(forKey: key.readableBytesView, count: count) }
        if config.roundRobin { return Int32(roundRobin.wrappingAdd(1, ordering: .relaxed).oldValue % count) }
        return sticky.withLock { table in
            if let chosen = table[record.topic], Int(chosen) < count { return chosen }
            let chosen = Int32.random(in: 0..<Int32(count))
            table[record.topic] = chosen
            return chosen
        }
    }

    /// KIP-480: unkeyed records stick to one partition until its batch fills, then move on.
    private func rotateSticky(_ topic: String, away from: Int32) {
        let count = client.cluster.topics[topic]?.partitions.count ?? 1
        sticky.withLock { table in
            if table[topic] == from { table[topic] = count > 1 ? (from + Int32.random(in: 1..<Int32(count))) % Int32(count) : 0 }
        }
    }

    // MARK: Sending

    /// How long to wait for `deadline`; zero once it has passed (deadlines are unsigned, so never subtract blindly).
    static func delay(until deadline: NIODeadline, now: NIODeadline) -> Duration {
        deadline > now ? .nanoseconds(Int64(deadline.uptimeNanoseconds - now.uptimeNanoseconds)) : .zero
    }

    private func runSender() async {
        while true {
            let (ready, nextDue) = accumulator.drain(now: .now())
            if ready.isEmpty {
                if stopped.load(ordering: .relaxed) && accumulator.isEmpty { return }
                idle.notify()
                let wait = nextDue.map { Self.delay(until: $0, now: .now()) }
                await wakeup.wait(timeout: wait ?? .milliseconds(100))
                continue
            }
            var byLeader: [Int32: [ProducerBatch]] = [:]
            for batch in ready {
                if let leader = client.cluster.leader(of: batch.topicPartition.topic, partition: batch.topicPartition.partition) {
                    byLeader[leader, default: []].append(batch)
                } else {
                    retryOrFail(batch, ClientError.broker(.leaderNotAvailable, "No leader for \(batch.topicPartition)."))
                    Task { _ = try? await client.refreshMetadata(topics: [batch.topicPartition.topic]) }
                }
            }
            for (leader, batches) in byLeader {
                Task { await self.send(batches, to: leader) }
            }
        }
    }

    private func send(_ batches: [ProducerBatch], to leader: Int32) async {
        if transactions != nil {
            do {
                try await addPartitionsToTransaction(Set(batches.map { TopicPartition($0.topicPartition.topic, $0.topicPartition.partition) }))
            } catch {
                for batch in batches { fail(batch, error) }
                wakeup.notify()
                return
            }
        }
        var topics: [String: [ProduceRequest.PartitionData]] = [:]
        for batch in batches {
            topics[batch.topicPartition.topic, default: []].append(.init(index: batch.topicPartition.partition, records: batch.encoded))
        }
        let request = ProduceRequest(transactionalId: config.transactionalId, acks: config.acks, timeoutMs: 30000,
                                     topicData: topics.map { .init(name: $0.key, partitionData: $0.value) })
        do {
            let connection = try await client.connection(to: leader)
            if config.acks == 0 {
                try await connection.sendWithoutResponse(request)
                for batch in batches { finish(batch, baseOffset: -1, logAppendTime: -1) }
                return
            }
            let response = try await connection.send(request)
            var answers: [String: [Int32: ProduceResponse.PartitionResponse]] = [:]
            for topic in response.responses {
                for partition in topic.partitionResponses { answers[topic.name, default: [:]][partition.index] = partition }
            }
            var staleMetadata = false
            for batch in batches {
                guard let answer = answers[batch.topicPartition.topic]?[batch.topicPartition.partition] else {
                    retryOrFail(batch, ClientError.broker(.unknownServerError, "The broker did not answer for \(batch.topicPartition)."))
                    continue
                }
                if answer.errorCode == .none {
                    finish(batch, baseOffset: answer.baseOffset, logAppendTime: answer.logAppendTimeMs)
                } else if answer.errorCode == .duplicateSequenceNumber {
                    // A retry of a batch the broker already has: it was delivered, at an offset it does not repeat.
                    finish(batch, baseOffset: -1, logAppendTime: -1)
                } else {
                    if answer.errorCode == .notLeaderOrFollower || answer.errorCode == .unknownTopicOrPartition
                        || answer.errorCode == .leaderNotAvailable { staleMetadata = true }
                    let message = answer.errorMessage ?? "Producing to \(batch.topicPartition.topic)-\(batch.topicPartition.partition) failed."
                    retryOrFail(batch, ClientError.authorization(answer.errorCode, "Write", topic: batch.topicPartition.topic)
                                ?? ClientError.broker(answer.errorCode, message))
                }
            }
            if staleMetadata { _ = try? await client.refreshMetadata(topics: Array(topics.keys)) }
        } catch {
            client.disconnect(leader)
            _ = try? await client.refreshMetadata(topics: Array(topics.keys))
            for batch in batches { retryOrFail(batch, error) }
        }
        wakeup.notify()
    }

    /// Tells every record's sender, then frees the batch: flush() returns only after the last callback ran.
    private func finish(_ batch: ProducerBatch, baseOffset: Int64, logAppendTime: Int64) {
        for (index, callback) in batch.callbacks.enumerated() {
            callback?(.success(RecordMetadata(
                topic: batch.topicPartition.topic, partition: batch.topicPartition.partition,
                offset: baseOffset < 0 ? -1 : baseOffset + Int64(index),
                timestamp: logAppendTime >= 0 ? logAppendTime : batch.timestamps[index])))
        }
        accumulator.complete(batch)
        idle.notify()
    }

    private func retryOrFail(_ batch: ProducerBatch, _ error: Error) {
        let retriable: Bool
        if let clientError = error as? ClientError, let code = clientError.code {
            retriable = code.isRetriable
        } else {
            retriable = true
        }
        let expired = NIODeadline.now() > batch.created + .milliseconds(Int64(config.deliveryTimeoutMs))
        if retriable && !expired && !stopped.load(ordering: .relaxed) {
            accumulator.requeue(batch)
            return
        }
        fail(batch, error)
    }

    /// Fails a batch for good; inside a transaction that makes the transaction abortable (or, when the
    /// producer was fenced, the producer unusable).
    private func fail(_ batch: ProducerBatch, _ error: Error) {
        if let transactions {
            let clientError = error as? ClientError ?? .invalidArgument("\(error)")
            // The batch's sequence numbers were taken but never written, so the partition's next batch would be
            // out of order: bump the epoch when aborting (KIP-360), unless the producer is fenced for good.
            let fatal = clientError.code.map(TransactionErrorHandling.of) == .fatal
            transactions.fail(clientError, handling: fatal ? .fatal : .abortable(bumpEpoch: true))
        }
        for callback in batch.callbacks { callback?(.failure(error)) }
        accumulator.complete(batch)
        idle.notify()
    }
}
