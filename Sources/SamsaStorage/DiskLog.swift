#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// A partition log on disk in Kafka's layout: a directory of segments named by base offset, each with a
/// sparse offset index and time index, plus `leader-epoch-checkpoint`.
///
/// Thread-safety: internally synchronized by one mutex. Appends, truncation and retention hold it for
/// their whole duration; reads hold it only to locate their segment and position, then `pread` without it.
/// Compaction holds a second mutex for its whole run (one pass at a time) and the first only to take a
/// snapshot and to swap each cleaned segment in; a reader that located a segment before a swap goes on
/// reading the replaced file through its open descriptor, so no reader sees a half-swapped segment.
public final class DiskLog: PartitionLog {
    public let directory: String
    let state: Mutex<State>
    let logger: Logger
    let cleanerLock = Mutex<Void>(())
    /// Set by close and delete so a running pass stops at its next batch.
    let cleanerAbort = Atomic<Bool>(false)

    struct State {
        var segments: [LogSegment]
        var logStartOffset: Int64
        var config: LogConfig
        var epochs: LeaderEpochCache
        var closed = false
        /// The cleaner checkpoint: offsets below it were compacted by some pass (Kafka's first dirty offset).
        var firstDirtyOffset: Int64
        /// Counts truncations, which may rewrite any segment: a compaction pass that started before one
        /// does not swap its output in.
        var generation = 0
        /// Earliest delete horizon of a tombstone the last pass kept (not persisted: after a restart the
        /// next pass the dirty ratio triggers removes expired tombstones).
        var tombstoneHorizon: Int64?
        /// Test hook: stop a swap at this step, leaving the files as a crash would.
        var swapStop: SegmentSwap.Step?

        var active: LogSegment { segments[segments.count - 1] }
        var logEndOffset: Int64 { active.nextOffset }

        /// Index of the segment holding `offset` (the last whose base is at or below it).
        func segmentIndex(for offset: Int64) -> Int {
            var low = 0, high = segments.count - 1, found = 0
            while low <= high {
                let mid = (low + high) / 2
                if segments[mid].baseOffset <= offset {
                    found = mid
                    low = mid + 1
                } else {
                    high = mid - 1
                }
            }
            return found
        }
    }

    static let cleanShutdownMarker = ".clean-shutdown"
    static let logStartFile = "log-start-offset"
    static let cleanerCheckpointFile = "cleaner-offset"

    init(directory: String, state: State, logger: Logger) {
        self.directory = directory
        self.state = Mutex(state)
        self.logger = logger
    }

    public var logStartOffset: Int64 { state.withLock { $0.logStartOffset } }
    public var logEndOffset: Int64 { state.withLock { $0.logEndOffset } }
    public var sizeInBytes: Int64 { state.withLock { s in Int64(s.segments.reduce(0) { $0 + $1.size }) } }
    public var segmentCount: Int { state.withLock { $0.segments.count } }
    public var epochEntries: [EpochEntry] { state.withLock { $0.epochs.entries } }

    public var config: LogConfig {
        get { state.withLock { $0.config } }
        set {
            state.withLock { s in
                s.config = newValue
                for segment in s.segments { segment.indexInterval = newValue.indexIntervalBytes }
            }
        }
    }

    public func endOffset(forEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64) {
        state.withLock { $0.epochs.endOffset(forEpoch: epoch, logEndOffset: $0.logEndOffset) }
    }

    // MARK: Appending

    public func append(_ records: ByteBuffer, leaderEpoch: Int32, now: Int64) throws -> AppendResult {
        try state.withLock { s in
            try checkOpen(s)
            var headers = try Self.parseHeaders(records, limit: s.config.maxMessageBytes)
            try rollIfDue(&s, incoming: records.readableBytes, now: now)
            let first = s.logEndOffset
            var offset = first
            var patches = [UInt8](repeating: 0, count: 16 * headers.count)
            for i in headers.indices {
                headers[i].baseOffset = offset
                headers[i].partitionLeaderEpoch = leaderEpoch
                Self.put(offset, into: &patches, at: 16 * i)
                Self.put(Int64(headers[i].batchLength) << 32 | Int64(UInt32(bitPattern: leaderEpoch)), into: &patches, at: 16 * i + 8)
                offset = headers[i].nextOffset
            }
            try patches.withUnsafeMutableBytes { patchBytes in
                try records.withUnsafeReadableBytes { raw in
                    var iovecs: [iovec] = []
                    iovecs.reserveCapacity(headers.count * 2)
                    var position = 0
                    for (i, header) in headers.enumerated() {
                        iovecs.append(iovec(iov_base: patchBytes.baseAddress! + 16 * i, iov_len: 16))
                        iovecs.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress! + position + 16),
                                            iov_len: header.totalSize - 16))
                        position += header.totalSize
                    }
                    try s.active.append(iovecs, byteCount: records.readableBytes, headers: headers)
                }
            }
            if s.active.rollClockStart == nil { s.active.rollClockStart = now }
            if s.config.flushPolicy == .everyAppend { try s.active.file.sync() }
            try s.epochs.assign(epoch: leaderEpoch, startOffset: first)
            return AppendResult(firstOffset: first, lastOffset: offset - 1, batchCount: headers.count)
        }
    }

    public func appendAsFollower(_ records: ByteBuffer, now: Int64) throws -> AppendResult {
        try state.withLock { s in
            try checkOpen(s)
            let headers = try Self.parseHeaders(records, limit: Int.max)
            guard let first = headers.first?.baseOffset, first >= s.logEndOffset else {
                throw StorageError.nonMonotonicOffset(expected: s.logEndOffset, got: headers.first?.baseOffset ?? -1)
            }
            for (a, b) in zip(headers, headers.dropFirst()) where b.baseOffset < a.nextOffset {
                throw StorageError.nonMonotonicOffset(expected: a.nextOffset, got: b.baseOffset)
            }
            try rollIfDue(&s, incoming: records.readableBytes, now: now)
            if s.active.size == 0 && s.segments.count == 1 && s.active.baseOffset < first && s.logStartOffset == s.active.baseOffset {
                // An empty log taking replicated data from a later offset starts there.
                try resetSegments(&s, at: first)
            }
            try records.withUnsafeReadableBytes { raw in
                let iovec = iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress!), iov_len: raw.count)
                try s.active.append([iovec], byteCount: raw.count, headers: headers)
            }
            if s.active.rollClockStart == nil { s.active.rollClockStart = now }
            if s.config.flushPolicy == .everyAppend { try s.active.file.sync() }
            for header in headers { try s.epochs.assign(epoch: header.partitionLeaderEpoch, startOffset: header.baseOffset) }
            return AppendResult(firstOffset: first, lastOffset: headers.last!.lastOffset, batchCount: headers.count)
        }
    }

    private func checkOpen(_ s: State) throws {
        if s.closed { throw StorageError.closed(directory) }
    }

    /// Splits `records` into batch headers, checking each is whole and within `limit` bytes.
    static func parseHeaders(_ records: ByteBuffer, limit: Int) throws -> [RecordBatchHeader] {
        var headers: [RecordBatchHeader] = []
        var index = records.readerIndex
        while index < records.writerIndex {
            guard let header = RecordBatchHeader(buffer: records, at: index), header.magic == 2,
                  header.totalSize >= RecordBatchHeader.size, index + header.totalSize <= records.writerIndex else {
                throw StorageError.invalidBatch("the bytes are not whole v2 record batches")
            }
            if header.totalSize > limit { throw StorageError.recordTooLarge(size: header.totalSize, limit: limit) }
            headers.append(header)
            index += header.totalSize
        }
        if headers.isEmpty { throw StorageError.invalidBatch("no record batch") }
        return headers
    }

    private static func put(_ value: Int64, into bytes: inout [UInt8], at index: Int) {
        for k in 0..<8 { bytes[index + k] = UInt8(truncatingIfNeeded: value >> (56 - 8 * k)) }
    }

    /// Starts a new segment when the active one is full, too old, or its relative offsets would overflow.
    private func rollIfDue(_ s: inout State, incoming: Int, now: Int64) throws {
        let active = s.active
        guard s.config.shouldRoll(active, rollClockStart: active.rollClockStart, logEndOffset: s.logEndOffset,
                                  incoming: incoming, now: now) else { return }
        try active.saveIndexes()
        if s.config.flushPolicy == .everyAppend { try active.flush() }
        s.segments.append(try LogSegment.create(directory: directory, baseOffset: s.logEndOffset,
                                                indexInterval: s.config.indexIntervalBytes))
    }

    private func resetSegments(_ s: inout State, at offset: Int64) throws {
        for segment in s.segments { segment.deleteFiles() }
        s.segments = [try LogSegment.create(directory: directory, baseOffset: offset, indexInterval: s.config.indexIntervalBytes)]
        s.logStartOffset = offset
        s.generation += 1
        s.firstDirtyOffset = offset
        try saveLogStart(offset)
        try saveCleanerCheckpoint(offset)
    }

    func saveLogStart(_ offset: Int64) throws {
        try AtomicFile.write(Data("\(offset)\n".utf8), to: "\(directory)/\(Self.logStartFile)")
    }

    func saveCleanerCheckpoint(_ offset: Int64) throws {
        try AtomicFile.write(Data("\(offset)\n".utf8), to: "\(directory)/\(Self.cleanerCheckpointFile)")
    }
}
