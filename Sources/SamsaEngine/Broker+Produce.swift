import NIOCore
import SamsaProtocol
import SamsaStorage

/// What a produce did to one partition, as the Produce response reports it.
public struct ProduceResult: Sendable, Equatable {
    public var error: ErrorCode
    public var message: String?
    public var baseOffset: Int64
    /// The last offset written (for acks=all to wait on); -1 on error.
    public var lastOffset: Int64
    public var logAppendTime: Int64
    public var logStartOffset: Int64

    public init(error: ErrorCode, message: String? = nil, baseOffset: Int64 = -1, lastOffset: Int64 = -1,
                logAppendTime: Int64 = -1, logStartOffset: Int64 = -1) {
        self.error = error
        self.message = message
        self.baseOffset = baseOffset
        self.lastOffset = lastOffset
        self.logAppendTime = logAppendTime
        self.logStartOffset = logStartOffset
    }

    static func failed(_ error: EngineError) -> ProduceResult { ProduceResult(error: error.code, message: error.message) }
}

extension Broker {
    /// The replica of `tp` on this broker if it leads it, else the error a client should see.
    public func leaderPartition(_ tp: TopicPartition, in cluster: Cluster) -> Result<Partition, EngineError> {
        if let partition = partition(tp) {
            return partition.isLeader ? .success(partition)
                : .failure(EngineError(.notLeaderOrFollower, "Broker \(id) is not the leader of \(tp)."))
        }
        if let topic = cluster.controller.topic(tp.topic), tp.partition >= 0, Int(tp.partition) < topic.partitions.count {
            return .failure(EngineError(.notLeaderOrFollower, "Broker \(id) does not host \(tp)."))
        }
        return .failure(EngineError(.unknownTopicOrPartition, "This server does not host \(tp)."))
    }

    /// Validates one partition's batches (structure, CRC, size) and appends them as leader.
    /// With `acks` -1 the in-sync set must be at least min.insync.replicas first; the caller then waits
    /// for replication with `Partition.waitForReplication`.
    public func produce(_ tp: TopicPartition, records: ByteBuffer?, in cluster: Cluster, acks: Int16 = 1,
                        internalAllowed: Bool = false, now: Int64 = currentTimeMillis()) -> ProduceResult {
        let partition: Partition
        switch leaderPartition(tp, in: cluster) {
        case .success(let found): partition = found
        case .failure(let error): return .failed(error)
        }
        if !internalAllowed && TopicName.isInternal(tp.topic) {
            return .failed(EngineError(.invalidTopicException, "Clients cannot write to internal topic \(tp.topic)."))
        }
        guard let records, records.readableBytes > 0 else {
            return .failed(EngineError(.invalidRecord, "The produce request for \(tp) carries no record batch."))
        }
        let headers: [RecordBatchHeader]
        do {
            headers = try RecordBatchHeader.validateAll(records)
        } catch ProtocolError.corruptRecordBatch(let expected, let actual) {
            return .failed(EngineError(.corruptMessage, "Record batch CRC mismatch for \(tp): stored \(expected), computed \(actual)."))
        } catch {
            return .failed(EngineError(.corruptMessage, "Invalid record batch for \(tp): \(error)"))
        }
        if headers.contains(where: \.isControl) {
            return .failed(EngineError(.invalidRecord, "Clients are not allowed to write control records to \(tp)."))
        }
        if headers.count > 1 && headers.contains(where: { $0.producerId >= 0 }) {
            // Sequence and transaction checks are per batch: Kafka allows one batch per partition (v3+).
            return .failed(EngineError(.invalidRecord, "An idempotent or transactional produce to \(tp) must carry exactly one batch."))
        }
        if let bad = headers.first(where: { $0.producerId >= 0 && $0.baseSequence < 0 }) {
            return .failed(EngineError(.invalidRecord,
                                       "Invalid sequence number \(bad.baseSequence) in a batch from producer \(bad.producerId) to \(tp)."))
        }
        if partition.log.config.cleanupPolicy.contains(.compact), let problem = Self.keylessRecord(records) {
            return .failed(EngineError(.invalidRecord, "Compacted topic \(tp.topic) cannot accept a record without a key (\(problem))."))
        }
        let limit = partition.log.config.maxMessageBytes
        if let big = headers.first(where: { $0.totalSize > limit }) {
            return .failed(EngineError(.messageTooLarge,
                                       "A record batch of \(big.totalSize) bytes exceeds max.message.bytes (\(limit)) for \(tp.topic)."))
        }
        do {
            let appended = try partition.appendAsLeader(records, headers: headers, now: now, requireInsync: acks == -1)
            return ProduceResult(error: .none, baseOffset: appended.firstOffset, lastOffset: appended.lastOffset,
                                 logAppendTime: appended.logAppendTime, logStartOffset: partition.logStartOffset)
        } catch let error as EngineError {
            return .failed(error)
        } catch {
            return .failed(EngineError(.kafkaStorageError, "Append to \(tp) failed: \(error)"))
        }
    }

    /// Compaction keeps the latest record per key, so a compacted topic refuses keyless records, as Kafka
    /// does (compressed batches are inflated to look).
    static func keylessRecord(_ records: ByteBuffer) -> String? {
        guard let batches = try? RecordBatch.decodeAll(records, verifyCRC: false) else { return nil }
        for batch in batches {
            if let record = batch.records.first(where: { $0.key == nil }) { return "offset delta \(record.offsetDelta)" }
        }
        return nil
    }
}

extension Broker {
    /// DescribeProducers for one partition: the producers its leader replica remembers, or the error a
    /// client should see (NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION).
    public func describeProducers(_ tp: TopicPartition, in cluster: Cluster) -> Result<[DescribeProducersResponse.ProducerState], EngineError> {
        leaderPartition(tp, in: cluster).map(\.activeProducers)
    }
}
