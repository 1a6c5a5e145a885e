import NIOCore
import SamsaProtocol

/// The isolation level a consumer reads at (`isolation.level`).
public enum IsolationLevel: Int8, Sendable, CaseIterable {
    /// Every record, including those of open and aborted transactions.
    case readUncommitted = 0
    /// Records up to the last stable offset, without those of aborted transactions.
    case readCommitted = 1

    /// From `read_uncommitted` / `read_committed`.
    public init?(name: String) {
        switch name.lowercased() {
        case "read_uncommitted": self = .readUncommitted
        case "read_committed": self = .readCommitted
        default: return nil
        }
    }

    public var name: String { self == .readCommitted ? "read_committed" : "read_uncommitted" }
}

/// Turns one partition's fetched bytes into the records an application sees, as Kafka's `CompletedFetch`
/// does: control batches (transaction markers) are never returned, and at read_committed a transactional
/// batch is dropped when its producer has an aborted transaction that started at or before the batch and
/// whose ABORT marker has not been passed yet. Either way the position moves past every batch read.
enum FetchedRecords {
    /// Records at or after `from`, and the offset to fetch next.
    static func decode(_ bytes: ByteBuffer?, tp: TopicPartition, from: Int64, isolation: IsolationLevel,
                       aborted: [FetchResponse.AbortedTransaction]?) throws -> (records: [ConsumerRecord], next: Int64) {
        guard let bytes, bytes.readableBytes > 0 else { return ([], from) }
        let batches: [RecordBatch]
        do {
            batches = try RecordBatch.decodeAll(bytes, verifyCRC: true)
        } catch ProtocolError.unsupportedCompression(let codec) {
            throw ClientError.unsupportedAPI("records compressed with codec \(codec) in \(tp); samsa reads uncompressed batches only")
        }
        var filter = AbortedTransactions(isolation == .readCommitted ? aborted ?? [] : [])
        var next = from
        var out: [ConsumerRecord] = []
        for batch in batches {
            next = max(next, batch.header.nextOffset)
            if isolation == .readCommitted && !filter.admits(batch) { continue }
            if batch.header.isControl { continue }
            for record in batch.records {
                let offset = batch.offset(of: record)
                guard offset >= from else { continue }
                out.append(ConsumerRecord(
                    topic: tp.topic, partition: tp.partition, offset: offset, timestamp: batch.timestamp(of: record),
                    timestampType: batch.header.isLogAppendTime ? .logAppendTime : .createTime,
                    key: record.key, value: record.value, headers: record.headers,
                    leaderEpoch: batch.header.partitionLeaderEpoch))
            }
        }
        return (out, next)
    }
}

/// The aborted transactions of one fetch response, consumed in offset order as batches go by.
struct AbortedTransactions {
    /// Sorted by first offset, latest first, so the next one to take is at the end.
    private var upcoming: [FetchResponse.AbortedTransaction]
    /// Producers whose aborted transaction has begun and whose ABORT marker is still ahead.
    private(set) var abortedProducers: Set<Int64> = []

    init(_ aborted: [FetchResponse.AbortedTransaction]) {
        upcoming = aborted.sorted { $0.firstOffset > $1.firstOffset }
    }

    /// Whether a batch's records may reach the application at read_committed (control batches are dropped
    /// separately). An ABORT marker ends its producer's aborted transaction.
    mutating func admits(_ batch: RecordBatch) -> Bool {
        guard batch.header.producerId >= 0 else { return true }
        while let first = upcoming.last, first.firstOffset <= batch.header.lastOffset {
            abortedProducers.insert(first.producerId)
            upcoming.removeLast()
        }
        if batch.header.isControl {
            if Self.isAbortMarker(batch) { abortedProducers.remove(batch.header.producerId) }
            return true
        }
        return !(batch.header.isTransactional && abortedProducers.contains(batch.header.producerId))
    }

    static func isAbortMarker(_ batch: RecordBatch) -> Bool {
        ControlRecord.type(ofKey: batch.records.first?.key) == ControlRecord.Kind.abort.rawValue
    }
}
