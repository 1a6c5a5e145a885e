import NIOCore
import SamsaProtocol

/// Kafka's cleaner rules for one compaction pass, shared by DiskLog and MemoryLog: first a map from each
/// key to its latest offset in the dirty section, then every batch of the cleaned section filtered
/// against it. A kept record is copied byte for byte; a rewritten batch keeps its base offset, last
/// offset (so producer sequence numbers stay valid), producer id, epoch, base sequence and leader epoch.
///
/// Batches the cleaner cannot read record by record (compressed, control, malformed) are kept whole and
/// add nothing to the map, so they never cause another record's removal.
///
/// Thread-safety: none; one pass owns it.
struct LogCleaner {
    let now: Int64
    let deleteRetentionMs: Int64
    /// Latest offset of each key seen in the dirty section. Keys are copies, not slices of read buffers.
    private var latest: [ByteBuffer: Int64] = [:]
    /// Beyond this many keys the map stops growing at the next segment boundary (bounded memory).
    static let maxKeys = 1_000_000

    init(now: Int64, deleteRetentionMs: Int64) {
        self.now = now
        self.deleteRetentionMs = deleteRetentionMs
    }

    var isFull: Bool { latest.count >= Self.maxKeys }

    static func canFilter(_ header: RecordBatchHeader) -> Bool {
        !header.isControl && header.compression == CompressionCodec.none
    }

    /// Notes the keys of one batch of the dirty section (batches arrive in offset order; the caller leaves
    /// out batches of aborted transactions).
    mutating func index(_ batch: ByteBuffer, header: RecordBatchHeader) {
        guard Self.canFilter(header), let slots = try? RecordSlot.all(in: batch, header: header) else { return }
        for slot in slots {
            guard let key = slot.key else { continue }
            var copy = ByteBufferAllocator().buffer(capacity: key.readableBytes)
            copy.writeImmutableBuffer(key)
            latest[copy] = header.baseOffset + Int64(slot.offsetDelta)
        }
    }

    enum Outcome: Equatable {
        case unchanged
        case removed
        case rewritten(ByteBuffer, RecordBatchHeader)
    }

    struct Filtered {
        var outcome: Outcome
        var recordsRemoved: Int
        /// The delete horizon of the output batch if it still holds a tombstone: the next pass after it
        /// removes that tombstone.
        var tombstoneHorizon: Int64?
    }

    /// What one batch of the cleaned section becomes. A record stays if it has no key, or if no later
    /// record in the map has its key and it is not a tombstone past its delete horizon. The first pass to
    /// keep a tombstone stamps the batch with a horizon `delete.retention.ms` ahead (KIP-534).
    func clean(_ batch: ByteBuffer, header: RecordBatchHeader) -> Filtered {
        guard Self.canFilter(header), let slots = try? RecordSlot.all(in: batch, header: header) else {
            return Filtered(outcome: .unchanged, recordsRemoved: 0)
        }
        let existingHorizon = header.hasDeleteHorizon ? header.baseTimestamp : nil
        var kept: [RecordSlot] = []
        kept.reserveCapacity(slots.count)
        var keepsTombstone = false
        for slot in slots {
            if let key = slot.key {
                if let newest = latest[key], header.baseOffset + Int64(slot.offsetDelta) < newest { continue }
                if !slot.hasValue {
                    if let existingHorizon, now >= existingHorizon { continue }
                    keepsTombstone = true
                }
            }
            kept.append(slot)
        }
        let removed = slots.count - kept.count
        if kept.isEmpty { return Filtered(outcome: .removed, recordsRemoved: removed) }
        var newHorizon: Int64?
        if keepsTombstone && existingHorizon == nil {
            let (sum, overflow) = now.addingReportingOverflow(deleteRetentionMs)
            newHorizon = overflow ? .max : sum
        }
        let horizon = keepsTombstone ? (existingHorizon ?? newHorizon) : nil
        if removed == 0 && newHorizon == nil {
            return Filtered(outcome: .unchanged, recordsRemoved: 0, tombstoneHorizon: horizon)
        }
        let (bytes, newHeader) = Self.rebuild(batch, header: header, keeping: kept, newHorizon: newHorizon)
        return Filtered(outcome: .rewritten(bytes, newHeader), recordsRemoved: removed, tombstoneHorizon: horizon)
    }

    /// What an end-transaction marker becomes: kept while its transaction may still have data; once not
    /// (`discardable`), stamped with a delete horizon `delete.retention.ms` ahead, and removed by the first
    /// pass after it, as Kafka does.
    func cleanMarker(_ batch: ByteBuffer, header: RecordBatchHeader, discardable: Bool) -> Filtered {
        guard discardable else { return Filtered(outcome: .unchanged, recordsRemoved: 0) }
        if header.hasDeleteHorizon {
            return now >= header.baseTimestamp ? Filtered(outcome: .removed, recordsRemoved: Int(header.recordCount))
                : Filtered(outcome: .unchanged, recordsRemoved: 0, tombstoneHorizon: header.baseTimestamp)
        }
        guard header.compression == CompressionCodec.none, let slots = try? RecordSlot.all(in: batch, header: header) else {
            return Filtered(outcome: .unchanged, recordsRemoved: 0)
        }
        let (sum, overflow) = now.addingReportingOverflow(deleteRetentionMs)
        let horizon = overflow ? Int64.max : sum
        let (bytes, newHeader) = Self.rebuild(batch, header: header, keeping: slots, newHorizon: horizon)
        return Filtered(outcome: .rewritten(bytes, newHeader), recordsRemoved: 0, tombstoneHorizon: horizon)
    }

    /// A batch holding only `kept`, with a fresh length and CRC. With `newHorizon` the batch is marked as
    /// having a delete horizon, which takes the base timestamp's place, so each record's timestamp delta is
    /// re-encoded against it; every record's absolute timestamp stays the same.
    static func rebuild(_ batch: ByteBuffer, header: RecordBatchHeader, keeping kept: [RecordSlot],
                        newHorizon: Int64?) -> (ByteBuffer, RecordBatchHeader) {
        var out = RecordBatchHeader(
            baseOffset: header.baseOffset, partitionLeaderEpoch: header.partitionLeaderEpoch, magic: 2,
            attributes: newHorizon == nil ? header.attributes : header.attributes | 0x40,
            lastOffsetDelta: header.lastOffsetDelta, baseTimestamp: newHorizon ?? header.baseTimestamp,
            maxTimestamp: header.maxTimestamp, producerId: header.producerId, producerEpoch: header.producerEpoch,
            baseSequence: header.baseSequence, recordCount: Int32(kept.count))
        if !header.isLogAppendTime {
            // The batch's max timestamp must be one of its records', or time lookups would find no record.
            out.maxTimestamp = kept.map { header.baseTimestamp + $0.timestampDelta }.max() ?? header.maxTimestamp
        }
        var writer = KafkaWriter(buffer: ByteBufferAllocator().buffer(capacity: header.totalSize))
        out.write(to: &writer.buffer)
        let start = batch.readerIndex
        for slot in kept {
            guard let newHorizon else {
                writer.buffer.writeImmutableBuffer(batch.getSlice(at: start + slot.range.lowerBound, length: slot.range.count)!)
                continue
            }
            var delta = KafkaWriter(buffer: ByteBuffer())
            delta.writeVarlong(header.baseTimestamp + slot.timestampDelta - newHorizon)
            let rest = batch.getSlice(at: start + slot.afterTimestamp, length: slot.range.upperBound - slot.afterTimestamp)!
            writer.writeVarint(Int32(1 + delta.buffer.readableBytes + rest.readableBytes))
            writer.writeInt8(slot.attributes)
            writer.buffer.writeImmutableBuffer(delta.buffer)
            writer.buffer.writeImmutableBuffer(rest)
        }
        var bytes = writer.buffer
        let index = bytes.readerIndex
        out.batchLength = Int32(bytes.readableBytes - RecordBatchHeader.logOverhead)
        bytes.setInteger(out.batchLength, at: index + 8)
        out.crc = CRC32C.checksum(bytes, at: index + RecordBatchHeader.attributesOffset,
                                  length: bytes.readableBytes - RecordBatchHeader.attributesOffset)
        bytes.setInteger(out.crc, at: index + RecordBatchHeader.crcOffset)
        return (bytes, out)
    }
}
