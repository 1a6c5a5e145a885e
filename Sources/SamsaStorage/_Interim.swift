// INTERIM: replaced by the storage branch on merge. Declares the agreed API so the engine compiles.
import NIOCore
import Foundation

public enum FlushPolicy: Sendable, Equatable { case pageCache, everyAppend }
public enum CleanupPolicy: String, Sendable { case delete, compact }
public struct LogConfig: Sendable, Equatable {
    public var segmentBytes: Int = 1 << 30
    public var segmentMs: Int64 = 7 * 24 * 3600 * 1000
    public var retentionMs: Int64 = 7 * 24 * 3600 * 1000
    public var retentionBytes: Int64 = -1
    public var indexIntervalBytes: Int = 4096
    public var maxMessageBytes: Int = 1_048_588
    public var flushPolicy: FlushPolicy = .pageCache
    public var cleanupPolicy: CleanupPolicy = .delete
    public init() {}
}
public struct AppendResult: Sendable, Equatable {
    public var firstOffset: Int64; public var lastOffset: Int64; public var logAppendTime: Int64; public var batchCount: Int
    public init(firstOffset: Int64, lastOffset: Int64, logAppendTime: Int64, batchCount: Int) { self.firstOffset = firstOffset; self.lastOffset = lastOffset; self.logAppendTime = logAppendTime; self.batchCount = batchCount }
}
public struct ReadResult: Sendable { public var records: ByteBuffer; public var logStartOffset: Int64; public var logEndOffset: Int64
 public init(records: ByteBuffer, logStartOffset: Int64, logEndOffset: Int64) { self.records = records; self.logStartOffset = logStartOffset; self.logEndOffset = logEndOffset } }
public enum StorageError: Error, Equatable {
    case offsetOutOfRange(requested: Int64, logStart: Int64, logEnd: Int64)
    case recordTooLarge(size: Int, limit: Int)
    case invalidBatch(String)
    case io(String)
}
public protocol PartitionLog: AnyObject, Sendable {
    var logStartOffset: Int64 { get }
    var logEndOffset: Int64 { get }
    var sizeInBytes: Int64 { get }
    var segmentCount: Int { get }
    var config: LogConfig { get set }
    func append(_ records: ByteBuffer, leaderEpoch: Int32, now: Int64) throws -> AppendResult
    func appendAsFollower(_ records: ByteBuffer, now: Int64) throws -> AppendResult
    func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult
    func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)?
    func maxTimestampAndOffset() throws -> (offset: Int64, timestamp: Int64)?
    var epochEntries: [(epoch: Int32, startOffset: Int64)] { get }
    func endOffset(forEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64)
    func truncate(to offset: Int64) throws
    func truncateFullyAndStart(at offset: Int64) throws
    func deleteRecords(before offset: Int64) throws
    func applyRetention(now: Int64) throws -> Int
    func flush() throws
    func close() throws
    func delete() throws
}
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws { try data.write(to: URL(fileURLWithPath: path), options: .atomic) }
    public static func read(_ path: String) throws -> Data? { FileManager.default.contents(atPath: path) }
}
public final class DiskLog: PartitionLog, @unchecked Sendable {
    public static func open(directory: String, config: LogConfig, logger: Any? = nil) throws -> DiskLog { fatalError() }
    public var logStartOffset: Int64 { 0 }
    public var logEndOffset: Int64 { 0 }
    public var sizeInBytes: Int64 { 0 }
    public var segmentCount: Int { 0 }
    public var config = LogConfig()
    public func append(_ records: ByteBuffer, leaderEpoch: Int32, now: Int64) throws -> AppendResult { fatalError() }
    public func appendAsFollower(_ records: ByteBuffer, now: Int64) throws -> AppendResult { fatalError() }
    public func read(from offset: Int64, maxBytes: Int, maxOffset: Int64?) throws -> ReadResult { fatalError() }
    public func offset(forTimestamp timestamp: Int64) throws -> (offset: Int64, timestamp: Int64)? { nil }
    public func maxTimestampAndOffset() throws -> (offset: Int64, timestamp: Int64)? { nil }
    public var epochEntries: [(epoch: Int32, startOffset: Int64)] { [] }
    public func endOffset(forEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64) { (-1, -1) }
    public func truncate(to offset: Int64) throws {}
    public func truncateFullyAndStart(at offset: Int64) throws {}
    public func deleteRecords(before offset: Int64) throws {}
    public func applyRetention(now: Int64) throws -> Int { 0 }
    public func flush() throws {}
    public func close() throws {}
    public func delete() throws {}
}
