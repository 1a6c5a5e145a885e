import NIOCore
import SamsaProtocol

extension RecordReader {
    /// The data records of `batches` (control batches are markers, not records), each marked transactional
    /// and, when its transaction was aborted, aborted. A transaction counts as aborted when the leader listed
    /// it (read_committed answer) or when its ABORT marker follows within the batches read.
    /// Only records at or after `from` are turned into ``Record``s, at most `limit` of them (a page needs a
    /// hundred of a batch's thousands).
    static func records(of batches: [RecordBatch], topic: String, partition: Int32,
                        aborted: [FetchResponse.AbortedTransaction], from: Int64 = 0, limit: Int = .max) -> [Record] {
        var listed = AbortedTransactions(aborted)
        let markedAborted = abortedByMarkers(batches)
        var out: [Record] = []
        for (index, batch) in batches.enumerated() {
            let admitted = listed.admits(batch)
            if batch.header.isControl || batch.header.lastOffset < from || out.count >= limit { continue }
            let isAborted = batch.header.isTransactional && (!admitted || markedAborted.contains(index))
            for record in batch.records where batch.offset(of: record) >= from && out.count < limit {
                out.append(Record(
                    topic: topic, partition: partition, offset: batch.offset(of: record), timestamp: batch.timestamp(of: record),
                    isLogAppendTime: batch.header.isLogAppendTime, key: record.key.map { Array($0.readableBytesView) },
                    value: record.value.map { Array($0.readableBytesView) },
                    headers: record.headers.map { (key: $0.key, value: $0.value.map { Array($0.readableBytesView) }) },
                    sizeInBytes: encodedSize(record), isTransactional: batch.header.isTransactional, isAborted: isAborted,
                    producerId: batch.header.producerId))
            }
        }
        return out
    }

    /// Indexes of transactional batches whose producer's next marker in `batches` is an ABORT.
    static func abortedByMarkers(_ batches: [RecordBatch]) -> Set<Int> {
        var open: [Int64: [Int]] = [:]
        var aborted = Set<Int>()
        for (index, batch) in batches.enumerated() where batch.header.isTransactional {
            let producer = batch.header.producerId
            if batch.header.isControl {
                if AbortedTransactions.isAbortMarker(batch) { aborted.formUnion(open[producer] ?? []) }
                open[producer] = nil
            } else {
                open[producer, default: []].append(index)
            }
        }
        return aborted
    }

    /// A record's size in its batch as Kafka counts it: the varint length prefix plus the body.
    static func encodedSize(_ record: SamsaProtocol.Record) -> Int {
        func bytes(_ buffer: ByteBuffer?) -> Int { buffer.map { varintSize(Int64($0.readableBytes)) + $0.readableBytes } ?? 1 }
        var body = 1 + varintSize(record.timestampDelta) + varintSize(Int64(record.offsetDelta))
            + bytes(record.key) + bytes(record.value) + varintSize(Int64(record.headers.count))
        for header in record.headers {
            let keyLength = header.key.utf8.count
            body += varintSize(Int64(keyLength)) + keyLength + bytes(header.value)
        }
        return varintSize(Int64(body)) + body
    }

    /// Bytes of a zigzag varint (Kafka's varint and varlong share the encoding).
    static func varintSize(_ value: Int64) -> Int {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        var size = 1
        while zigzag >= 0x80 {
            zigzag >>= 7
            size += 1
        }
        return size
    }
}
