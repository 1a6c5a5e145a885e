import NIOCore
import SamsaProtocol

public struct AppendResult: Sendable, Equatable {
    public var firstOffset: Int64
    public var lastOffset: Int64
    /// The broker's time for LogAppendTime topics, else -1.
    public var logAppendTime: Int64
    public var batchCount: Int

    public init(firstOffset: Int64, lastOffset: Int64, logAppendTime: Int64 = -1, batchCount: Int) {
        self.firstOffset = firstOffset
        self.lastOffset = lastOffset
        self.logAppendTime = logAppendTime
        self.batchCount = batchCount
    }
}

public struct ReadResult: Sendable {
    /// Whole batches only (empty when `file` holds them).
    public var records: ByteBuffer
    /// From `slice`: the batches' place in their segment file, to be sent with sendfile.
    public var file: FileRecords?
    public var logStartOffset: Int64
    public var logEndOffset: Int64
    /// For `file`: an offset no returned record reaches (from the sparse index, as Kafka's
    /// fetchUpperBoundOffset), bounding the aborted transactions a read_committed fetch must list.
    public var upperBoundOffset: Int64?

    public init(records: ByteBuffer, file: FileRecords? = nil, logStartOffset: Int64, logEndOffset: Int64,
                upperBoundOffset: Int64? = nil) {
        self.records = records
        self.file = file
        self.logStartOffset = logStartOffset
        self.logEndOffset = logEndOffset
        self.upperBoundOffset = upperBoundOffset
    }

    /// How many bytes were read or located.
    public var count: Int { file?.count ?? records.readableBytes }
}

/// One entry of the leader-epoch cache: `epoch` began at `startOffset`.
public struct EpochEntry: Sendable, Equatable {
    public var epoch: Int32
    public var startOffset: Int64

    public init(epoch: Int32, startOffset: Int64) {
        self.epoch = epoch
        self.startOffset = startOffset
    }
}

/// What one compaction pass did.
public struct CompactionResult: Sendable, Equatable {
    /// Segments rewritten (several may have been merged into one).
    public var segmentsCleaned: Int
    /// Records removed: superseded values and expired tombstones.
    public var recordsRemoved: Int
    /// Size of the rewritten segments before and after.
    public var bytesBefore: Int64
    public var bytesAfter: Int64
    /// Where the next pass's dirty section starts: everything below was cleaned by this pass.
    public var cleanedUpTo: Int64

    public init(segmentsCleaned: Int = 0, recordsRemoved: Int = 0, bytesBefore: Int64 = 0, bytesAfter: Int64 = 0,
                cleanedUpTo: Int64 = 0) {
        self.segmentsCleaned = segmentsCleaned
        self.recordsRemoved = recordsRemoved
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
        self.cleanedUpTo = cleanedUpTo
    }
}

/// A partition's append-only log of RecordBatch v2 bytes.
///
/// Thread-safety: implementations are internally synchronized. Appends are serialized; reads may run
/// concurrently with appends and with each other. One compaction pass runs at a time, concurrently with
/// appends and reads, which never see a half-swapped segment.
public protocol PartitionLog: AnyObject, Sendable {
    var logStartOffset: Int64 { get }
    /// The next offset to assign.
    var logEndOffset: Int64 { get }
    var sizeInBytes: Int64 { get }
    var segmentCount: Int { get }
    var config: LogConfig { get set }

    /// Leader append of batches the caller validated: assigns offsets from `logEndOffset`, stamps
    /// `leaderEpoch`, rolls a segment when due, and honours the flush policy.
    func append(_ records: ByteBuffer, leaderEpoch: Int32, now: Int64) throws -> AppendResult
    /// Follower append: the batches carry their offsets, which must start at or after `logEndOffset`.
    func appendAsFollower(_ records: ByteBuffer, now: Int64) throws -> AppendResult
    /// Whole batches from the one holding `offset`, at most `maxBytes` but at least one batch (KIP-74),
    /// excluding batches that start at or after `maxOffset` (nil: the log end).
    func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult
    /// `read` for a consumer's fetch: a disk log answers with where the batches are in their segment file
    /// (`ReadResult.file`, sent with sendfile, never copied through memory), and the range may end inside a
    /// batch when `maxBytes` cuts it, as Kafka's does; a log in memory answers as `read`.
    func slice(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult
    /// Visits, oldest first, the header of every batch written by an idempotent or transactional producer
    /// (producer id set), with the end-transaction marker of a control batch: what a broker replays to
    /// rebuild its producers' and open transactions' state when it opens a log or cuts its tail, as Kafka
    /// does without a snapshot. Reads headers only, and the few bytes of control batches.
    func scanProducerBatches(_ visit: (RecordBatchHeader, ControlRecord?) throws -> Void) throws
    /// Records an aborted transaction in the index of the segment holding its marker (`lastOffset`);
    /// nothing if that segment already records one ending there or later.
    func appendAbortedTransaction(_ transaction: AbortedTransaction) throws
    /// The aborted transactions that overlap [offset, upperBound): every one whose marker is at or after
    /// `offset` and whose first offset is below `upperBound` (Kafka's collectAbortedTransactions).
    func abortedTransactions(from offset: Int64, upTo upperBound: Int64) -> [AbortedTransaction]
    /// The first offset whose record timestamp is at least `timestamp`, with that timestamp.
    func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)?
    /// The record with the largest timestamp (ListOffsets MAX_TIMESTAMP).
    func maxTimestampAndOffset() throws -> (offset: Int64, timestamp: Int64)?
    var epochEntries: [EpochEntry] { get }
    /// Kafka's OffsetsForLeaderEpoch answer: (-1, -1) when unknown.
    func endOffset(forEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64)
    /// Removes every record at or after `offset`.
    func truncate(to offset: Int64) throws
    /// Removes everything and restarts the log at `offset`.
    func truncateFullyAndStart(at offset: Int64) throws
    /// Advances the log start offset (DeleteRecords), dropping whole segments below it.
    func deleteRecords(before offset: Int64) throws
    /// Deletes segments from the front as Kafka's deleteOldSegments (`LogConfig.deletableSegmentCount`): those
    /// below the log start, then by size and by time when the cleanup policy includes `delete`; only segments
    /// wholly below `highWatermark`. When that takes the active segment, an empty one is rolled at the log end
    /// first, so the log start moves to the log end and appends go on at the same offsets. The log start
    /// moves to the first kept segment, the leader-epoch cache with it. Returns how many were deleted.
    func applyRetention(now: Int64, highWatermark: Int64) throws -> Int
    /// Share of the cleanable log (non-active segments older than `min.compaction.lag.ms`) that no
    /// compaction pass has seen yet, from 0 to 1. Cheap: computed from segment sizes.
    func dirtyRatio(now: Int64) -> Double
    /// Whether a compaction pass is due: the cleanup policy includes `compact` and the dirty ratio exceeds
    /// `min.cleanable.dirty.ratio`, dirty data is older than `max.compaction.lag.ms`, or a kept tombstone
    /// or marker has outlived `delete.retention.ms`. Only segments wholly below `limit` count. Cheap enough to poll.
    func needsCompaction(now: Int64, upTo limit: Int64) -> Bool
    /// Kafka log compaction of the non-active segments older than `min.compaction.lag.ms`: only the latest
    /// record per key stays, offsets never change, tombstones go `delete.retention.ms` after the first pass
    /// that kept them. Batches of aborted transactions go, and a transaction's marker once none of its data
    /// is left and `delete.retention.ms` more has passed (Kafka's rules). Only segments wholly below `limit`
    /// (the partition's last stable offset) are cleaned. Does nothing unless the cleanup policy includes
    /// `compact`. Blocking: run it on a background thread; appends and reads go on meanwhile.
    func compact(now: Int64, upTo limit: Int64) throws -> CompactionResult
    func flush() throws
    func close() throws
    /// Stops using the log as a crash would: nothing flushed, no clean-shutdown mark, so the next open
    /// recovers the tail. Fault injection (a killed broker) uses it.
    func abandon()
    func delete() throws
}

extension PartitionLog {
    /// `needsCompaction` with no transaction to respect.
    public func needsCompaction(now: Int64) -> Bool { needsCompaction(now: now, upTo: .max) }
    /// `compact` with no transaction to respect.
    public func compact(now: Int64) throws -> CompactionResult { try compact(now: now, upTo: .max) }
    /// `applyRetention` for a log nobody replicates (tools, tests): every offset counts as committed. A
    /// replica's log takes its partition's high watermark instead (`Partition.applyRetention`).
    public func applyRetention(now: Int64) throws -> Int { try applyRetention(now: now, highWatermark: .max) }
}
