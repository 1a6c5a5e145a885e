import Foundation
import NIOCore
import SamsaProtocol
@testable import SamsaStorage

/// One keyed record to write: a nil value is a tombstone, a nil key a keyless record.
struct KV {
    var key: String?
    var value: String?
    var timestamp: Int64 = 1000
    var headers: [RecordHeader] = []

    init(_ key: String?, _ value: String?, at timestamp: Int64 = 1000, headers: [RecordHeader] = []) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
    }
}

func keyedBatch(_ records: [KV], producerId: Int64 = -1, sequence: Int32 = -1) -> ByteBuffer {
    var builder = RecordBatchBuilder()
    builder.producerId = producerId
    builder.producerEpoch = producerId >= 0 ? 3 : -1
    builder.baseSequence = sequence
    for record in records {
        builder.append(key: record.key.map { ByteBuffer(string: $0) }, value: record.value.map { ByteBuffer(string: $0) },
                       headers: record.headers, timestamp: record.timestamp)
    }
    return builder.build()
}

/// A record as a consumer sees it: everything compaction must preserve, with its absolute timestamp.
struct Seen: Equatable, CustomStringConvertible {
    var offset: Int64
    var key: ByteBuffer?
    var value: ByteBuffer?
    var timestamp: Int64
    var headers: [RecordHeader]
    var attributes: Int8

    var description: String {
        "\(offset):\(key.map { String(buffer: $0) } ?? "∅")=\(value.map { String(buffer: $0) } ?? "⊗")@\(timestamp)"
    }
}

/// Every batch from the log start to the log end, read as a consumer would (CRCs checked).
func readAllBatches(_ log: PartitionLog) throws -> [RecordBatch] {
    var batches: [RecordBatch] = []
    var offset = log.logStartOffset
    while offset < log.logEndOffset {
        let read = try log.read(from: offset, maxBytes: 1 << 20, maxOffset: nil)
        let decoded = try RecordBatch.decodeAll(read.records)
        guard let last = decoded.last else { break }
        batches += decoded
        offset = last.header.nextOffset
    }
    return batches
}

func seen(_ log: PartitionLog) throws -> [Seen] {
    try readAllBatches(log).flatMap { batch in
        batch.records.map { record in
            Seen(offset: batch.offset(of: record), key: record.key, value: record.value, timestamp: batch.timestamp(of: record),
                 headers: record.headers, attributes: record.attributes)
        }
    }
}

/// "key=value" per record in offset order ("key=⊗" for a tombstone, "∅=value" without a key).
func keyValues(_ log: PartitionLog) throws -> [String] {
    try seen(log).map { "\($0.offset) \($0.key.map { String(buffer: $0) } ?? "∅")=\($0.value.map { String(buffer: $0) } ?? "⊗")" }
}

func compactConfig(segmentBytes: Int = 1, policy: CleanupPolicy = .compact) -> LogConfig {
    var config = LogConfig()
    config.cleanupPolicy = policy
    // One batch per segment unless a test says otherwise: each append after the first rolls.
    config.segmentBytes = segmentBytes
    config.retentionMs = -1
    return config
}

/// Appends each batch of `batches` (one segment each under `compactConfig()`).
func appendAll(_ log: PartitionLog, _ batches: [[KV]], epoch: Int32 = 0) throws {
    for records in batches { _ = try log.append(keyedBatch(records), leaderEpoch: epoch, now: 0) }
}

/// Each stored batch's bytes from the log start to the end, without decoding records.
func rawBatches(_ log: PartitionLog) throws -> [ByteBuffer] {
    var batches: [ByteBuffer] = []
    var offset = log.logStartOffset
    while offset < log.logEndOffset {
        let records = try log.read(from: offset, maxBytes: 1 << 20, maxOffset: nil).records
        var index = records.readerIndex
        while let header = RecordBatchHeader(buffer: records, at: index), index + header.totalSize <= records.writerIndex {
            batches.append(records.getSlice(at: index, length: header.totalSize)!)
            index += header.totalSize
            offset = header.nextOffset
        }
        if index == records.readerIndex { break }
    }
    return batches
}

/// A time lookup's answer as [offset, timestamp], comparable in an expectation without unwrapping.
func pair(_ found: (offset: Int64, timestamp: Int64)?) -> [Int64]? {
    found.map { [$0.offset, $0.timestamp] }
}
