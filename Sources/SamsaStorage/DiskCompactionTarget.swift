import NIOCore
import SamsaProtocol
import Synchronization

/// Compaction of a DiskLog: reads segment files outside the lock, writes `.cleaned` segments and swaps
/// them in with `SegmentSwap` under the lock.
struct DiskCompactionTarget: CompactionTarget {
    let log: DiskLog
    let indexInterval: Int

    var isAborted: Bool { log.cleanerAbort.load(ordering: .relaxed) }

    func forEachBatch(in segment: SegmentSnapshot, _ body: (ByteBuffer, RecordBatchHeader) throws -> Void) throws {
        var scanner = BatchScanner(file: segment.segment.file, from: 0, to: segment.size, validate: true)
        while true {
            switch try scanner.next() {
            case .end:
                return
            case .batch(let position, let header):
                try body(try scanner.bytes(at: position, count: header.totalSize), header)
            case .invalid(let position, let reason):
                throw StorageError.invalidBatch("\(reason) at byte \(position) of \(segment.segment.logPath), so it was not compacted")
            }
        }
    }

    func makeOutput(baseOffset: Int64) throws -> CleanedSegment {
        CleanedSegment(segment: try LogSegment.create(directory: log.directory, baseOffset: baseOffset,
                                                      indexInterval: indexInterval, suffix: SegmentSwap.cleanedSuffix))
    }

    func write(_ batch: ByteBuffer, header: RecordBatchHeader, to output: inout CleanedSegment) throws {
        output.pending.writeImmutableBuffer(batch)
        output.headers.append(header)
        if output.pending.readableBytes >= CleanedSegment.writeSize { try output.flushPending() }
    }

    func swap(_ output: inout CleanedSegment, for group: ArraySlice<SegmentSnapshot>, generation: Int) throws -> Bool {
        do {
            try output.flushPending()
            try output.segment.setAbortedTransactions(group.flatMap(\.abortedTransactions))
            try output.segment.seal()
        } catch {
            output.segment.deleteFiles()
            throw error
        }
        let cleaned = output.segment
        return try log.state.withLock { s in
            // Refuse if a truncation or retention touched these segments meanwhile.
            guard !s.closed, s.generation == generation, let first = group.first,
                  let at = s.segments.firstIndex(where: { $0 === first.segment }), at + group.count < s.segments.count,
                  zip(s.segments[at..<(at + group.count)], group).allSatisfy({ $0 === $1.segment && $0.size == $1.size })
            else { return false }
            try SegmentSwap.commit(cleaned, replacing: group.map(\.segment), directory: log.directory, logger: log.logger,
                                   stopAfter: s.swapStop)
            s.segments.replaceSubrange(at..<(at + group.count), with: [cleaned])
            return true
        }
    }

    func discard(_ output: CleanedSegment) {
        output.segment.deleteFiles()
    }
}

/// A cleaned segment being written: batches are gathered into large writes.
struct CleanedSegment {
    let segment: LogSegment
    var pending = ByteBuffer()
    var headers: [RecordBatchHeader] = []
    static let writeSize = 1 << 20

    mutating func flushPending() throws {
        try segment.append(pending, headers: headers)
        pending.clear()
        headers.removeAll(keepingCapacity: true)
    }
}

/// A non-active segment's figures captured under the log's lock, so a compaction pass can plan and read
/// outside it without racing with the segment's mutable fields.
struct SegmentSnapshot: SegmentMetrics {
    let segment: LogSegment
    let baseOffset: Int64
    let size: Int
    let maxTimestamp: Int64
    /// Its aborted-transaction entries, which the cleaned copy carries over.
    let abortedTransactions: [AbortedTransaction]

    init(_ segment: LogSegment) {
        self.segment = segment
        baseOffset = segment.baseOffset
        size = segment.size
        maxTimestamp = segment.maxTimestamp
        abortedTransactions = segment.txnIndex.entries
    }
}
