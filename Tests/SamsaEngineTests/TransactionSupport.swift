import Foundation
import NIOCore
import Synchronization
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// A batch as a transactional (or idempotent) producer sends it; each record's key is `key`, or its value.
func producerBatch(producer: Int64, epoch: Int16 = 0, sequence: Int32, values: [String], key: String? = nil,
                   transactional: Bool = true, timestamp: Int64 = currentTimeMillis()) -> ByteBuffer {
    var builder = RecordBatchBuilder()
    builder.producerId = producer
    builder.producerEpoch = epoch
    builder.baseSequence = sequence
    builder.isTransactional = transactional
    for value in values {
        builder.append(key: ByteBuffer(string: key ?? value), value: ByteBuffer(string: value), timestamp: timestamp)
    }
    return builder.build()
}

extension ReplicationHarness {
    /// Creates `tp`'s topic with one partition and returns its leader and the leader's replica.
    func createLeader(_ tp: TopicPartition, replicationFactor: Int? = nil,
                      configs: [String: String] = [:]) throws -> (Broker, Partition) {
        try cluster.createTopic(name: tp.topic, partitions: 1, replicationFactor: replicationFactor, configs: configs)
        let broker = try #require(leader(of: tp))
        return (broker, try #require(broker.partition(tp)))
    }
}

/// Waits for `whenReplicated`'s answer (generous deadline; nil if none came).
func replicated(_ partition: Partition, through offset: Int64, timeoutMs: Int64 = 30_000) -> ErrorCode? {
    let answer = Mutex<ErrorCode?>(nil)
    partition.whenReplicated(through: offset, timeoutMs: timeoutMs) { code in answer.withLock { $0 = code } }
    _ = eventually(Double(timeoutMs) / 1000 + 30) { answer.withLock { $0 } != nil }
    return answer.withLock { $0 }
}

/// The values of the data records in `partition`'s log from `offset` (every segment), control batches left out.
func dataValues(_ partition: Partition, from offset: Int64 = 0) throws -> [String] {
    var values: [String] = []
    var next = max(offset, partition.logStartOffset)
    while next < partition.logEndOffset {
        let batches = try RecordBatch.decodeAll(partition.log.read(from: next, maxBytes: 64 << 20, maxOffset: nil).records)
        guard let last = batches.last else { break }
        values += batches.filter { !$0.header.isControl }.flatMap { $0.records.compactMap { $0.value.map { String(buffer: $0) } } }
        next = last.header.nextOffset
    }
    return values
}
