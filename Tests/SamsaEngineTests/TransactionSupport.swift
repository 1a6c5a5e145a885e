import Foundation
import NIOCore
import Synchronization
@testable import SamsaEngine
@testable import SamsaProtocol

/// A batch as a transactional (or idempotent) producer sends it.
func producerBatch(producer: Int64, epoch: Int16 = 0, sequence: Int32, values: [String], transactional: Bool = true) -> ByteBuffer {
    var builder = RecordBatchBuilder()
    builder.producerId = producer
    builder.producerEpoch = epoch
    builder.baseSequence = sequence
    builder.isTransactional = transactional
    for value in values { builder.append(key: ByteBuffer(string: value), value: ByteBuffer(string: value), timestamp: currentTimeMillis()) }
    return builder.build()
}

/// Waits for `whenReplicated`'s answer (generous deadline; nil if none came).
func replicated(_ partition: Partition, through offset: Int64, timeoutMs: Int64 = 30_000) -> ErrorCode? {
    let answer = Mutex<ErrorCode?>(nil)
    partition.whenReplicated(through: offset, timeoutMs: timeoutMs) { code in answer.withLock { $0 = code } }
    _ = eventually(Double(timeoutMs) / 1000 + 30) { answer.withLock { $0 } != nil }
    return answer.withLock { $0 }
}

/// The values of the data records in `partition`'s log from `offset`, with control batches left out.
func dataValues(_ partition: Partition, from offset: Int64 = 0) throws -> [String] {
    let read = try partition.log.read(from: offset, maxBytes: 64 << 20, maxOffset: nil)
    return try RecordBatch.decodeAll(read.records).filter { !$0.header.isControl }
        .flatMap { $0.records.compactMap { $0.value.map { String(buffer: $0) } } }
}
