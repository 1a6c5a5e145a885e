import NIOCore
import SamsaProtocol

/// The `.index` and `.timeindex` files of a segment as kafka-dump-log reads them: entries relative to
/// the base offset in the file name, a zero entry after the first ending the list (Kafka preallocates
/// index files, so a crash leaves zeros), and the sanity check a broker runs at start.
public enum SegmentIndexDump {
    public struct OffsetEntry: Sendable, Equatable {
        public var offset: Int64
        public var position: Int
    }

    public struct TimeEntry: Sendable, Equatable {
        public var timestamp: Int64
        public var offset: Int64
    }

    public static let offsetEntrySize = 8
    public static let timeEntrySize = 12

    /// Every entry of an offset index up to the first zero entry after the first.
    public static func offsetEntries(_ bytes: ByteBuffer, baseOffset: Int64) -> [OffsetEntry] {
        var entries: [OffsetEntry] = []
        var index = bytes.readerIndex
        while index + offsetEntrySize <= bytes.writerIndex {
            let relative: Int32 = bytes.getInteger(at: index)!
            let position: Int32 = bytes.getInteger(at: index + 4)!
            let entry = OffsetEntry(offset: baseOffset + Int64(relative), position: Int(position))
            if entry.offset == baseOffset && !entries.isEmpty { break }
            entries.append(entry)
            index += offsetEntrySize
        }
        return entries
    }

    /// Every entry of a time index up to the first zero entry after the first.
    public static func timeEntries(_ bytes: ByteBuffer, baseOffset: Int64) -> [TimeEntry] {
        var entries: [TimeEntry] = []
        var index = bytes.readerIndex
        while index + timeEntrySize <= bytes.writerIndex {
            let timestamp: Int64 = bytes.getInteger(at: index)!
            let relative: Int32 = bytes.getInteger(at: index + 8)!
            let entry = TimeEntry(timestamp: timestamp, offset: baseOffset + Int64(relative))
            if entry.offset == baseOffset && !entries.isEmpty { break }
            entries.append(entry)
            index += timeEntrySize
        }
        return entries
    }

    /// Kafka's OffsetIndex.sanityCheck plus what Samsa checks before trusting an index at start (offsets and
    /// positions increasing, positions inside the log): nil when it passes, else the sentence saying why.
    public static func offsetIndexSanity(size: Int, entries: [OffsetEntry], baseOffset: Int64, logSize: Int?,
                                         path: String) -> String? {
        if let last = entries.last, last.offset < baseOffset {
            return "Corrupt index found, index file (\(path)) has non-zero size but the last offset is \(last.offset) which is less than the base offset \(baseOffset)."
        }
        if size % offsetEntrySize != 0 {
            return "Index file \(path) is corrupt, found \(size) bytes which is neither positive nor a multiple of \(offsetEntrySize)."
        }
        for (i, entry) in entries.enumerated() {
            if i > 0, entry.offset <= entries[i - 1].offset || entry.position <= entries[i - 1].position {
                return "Corrupt index found, index file (\(path)) has entry \(i) (offset \(entry.offset) position \(entry.position)) not after the entry before it."
            }
            if let logSize, entry.position >= logSize {
                return "Corrupt index found, index file (\(path)) has entry \(i) at position \(entry.position), beyond the end of its log (\(logSize) bytes)."
            }
        }
        return nil
    }

    /// Kafka's TimeIndex.sanityCheck: nil when it passes, else the sentence saying why.
    public static func timeIndexSanity(size: Int, entries: [TimeEntry], baseOffset: Int64, path: String) -> String? {
        if let first = entries.first, let last = entries.last, last.timestamp < first.timestamp {
            return "Corrupt time index found, time index file (\(path)) has non-zero size but the last timestamp is \(last.timestamp) which is less than the first timestamp \(first.timestamp)."
        }
        if let last = entries.last, last.offset < baseOffset {
            return "Corrupt time index found, time index file (\(path)) has non-zero size but the last offset is \(last.offset) which is less than the first offset \(baseOffset)."
        }
        if size % timeEntrySize != 0 {
            return "Time index file \(path) is corrupt, found \(size) bytes which is neither positive nor a multiple of \(timeEntrySize)."
        }
        return nil
    }

    /// Index entries that do not point at their batch: (index offset, the offset found at that position,
    /// -1 when no batch is there). Kafka indexes a batch by its last offset, Samsa by its base offset; an
    /// entry naming either end of the batch at its position is consistent.
    public static func offsetMismatches(_ entries: [OffsetEntry], log: SegmentDumpBytes) throws -> [(indexOffset: Int64, logOffset: Int64)] {
        var mismatches: [(Int64, Int64)] = []
        for entry in entries {
            let bytes = try log.read(count: RecordBatchHeaderProbe.size, at: entry.position)
            guard let probe = RecordBatchHeaderProbe(bytes) else {
                mismatches.append((entry.offset, -1))
                continue
            }
            if entry.offset != probe.lastOffset && entry.offset != probe.baseOffset {
                mismatches.append((entry.offset, probe.lastOffset))
            }
        }
        return mismatches
    }
}

/// The first 27 bytes of a v2 batch header: enough for its base and last offsets.
struct RecordBatchHeaderProbe {
    static let size = 27
    let baseOffset: Int64
    let lastOffset: Int64

    init?(_ bytes: ByteBuffer) {
        guard bytes.readableBytes >= Self.size,
              let base: Int64 = bytes.getInteger(at: bytes.readerIndex),
              let delta: Int32 = bytes.getInteger(at: bytes.readerIndex + 23), delta >= 0 else { return nil }
        baseOffset = base
        lastOffset = base + Int64(delta)
    }
}

extension SegmentIndexDump {
    /// What a time index check finds, in Kafka's three kinds (TimeIndexDumpErrors).
    public struct TimeIndexErrors: Sendable, Equatable {
        /// (index timestamp, log timestamp)
        public var mismatches: [Pair] = []
        /// (index timestamp, previously indexed timestamp)
        public var outOfOrder: [Pair] = []
        /// (indexed offset, found log offset or -1)
        public var offsetsNotFound: [Pair] = []

        public struct Pair: Sendable, Equatable {
            public var first: Int64
            public var second: Int64
        }

        public var isEmpty: Bool { mismatches.isEmpty && outOfOrder.isEmpty && offsetsNotFound.isEmpty }
    }

    /// Checks time index entries against the log's batch headers (in file order). An entry must name a
    /// batch by its last offset (Kafka) or base offset (Samsa), carry that batch's largest timestamp (Kafka)
    /// or the largest so far (Samsa), and grow from entry to entry.
    public static func timeIndexErrors(_ entries: [TimeEntry], batches: [RecordBatchHeader]) -> TimeIndexErrors {
        var errors = TimeIndexErrors()
        var runningMax: [Int64] = []
        runningMax.reserveCapacity(batches.count)
        for header in batches { runningMax.append(max(runningMax.last ?? -1, header.maxTimestamp)) }
        var previous: Int64 = -1
        for entry in entries {
            if let i = batches.firstIndex(where: { $0.lastOffset >= entry.offset }) {
                let batch = batches[i]
                if batch.lastOffset != entry.offset && batch.baseOffset != entry.offset {
                    errors.offsetsNotFound.append(.init(first: entry.offset, second: batch.lastOffset))
                } else {
                    if entry.timestamp != batch.maxTimestamp && entry.timestamp != runningMax[i] {
                        errors.mismatches.append(.init(first: entry.timestamp, second: runningMax[i]))
                    }
                    if previous >= entry.timestamp {
                        errors.outOfOrder.append(.init(first: entry.timestamp, second: previous))
                    }
                }
            } else {
                errors.offsetsNotFound.append(.init(first: entry.offset, second: -1))
            }
            previous = entry.timestamp
        }
        return errors
    }
}
