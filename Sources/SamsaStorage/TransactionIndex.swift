import NIOCore

/// An aborted transaction as Kafka's `.txnindex` records it: its producer, its first offset, the offset of
/// its ABORT marker, and the last stable offset once it ended. Fetch with read_committed hands these to
/// consumers so they drop the aborted records.
public struct AbortedTransaction: Sendable, Equatable {
    public var producerId: Int64
    public var firstOffset: Int64
    public var lastOffset: Int64
    public var lastStableOffset: Int64

    public init(producerId: Int64, firstOffset: Int64, lastOffset: Int64, lastStableOffset: Int64) {
        self.producerId = producerId
        self.firstOffset = firstOffset
        self.lastOffset = lastOffset
        self.lastStableOffset = lastStableOffset
    }
}

/// The aborted-transaction index of one segment (Kafka's TransactionIndex): the transactions whose ABORT
/// marker lies in the segment, in marker order. On disk `<base>.txnindex`, 34 bytes per entry, big-endian:
///
///     version int16 (0) | producerId int64 | firstOffset int64 | lastOffset int64 | lastStableOffset int64
///
/// Held in memory; each entry is written when appended (aborts are rare), synced with the segment.
///
/// Thread-safety: none; the owning segment (or MemoryLog) serializes access.
struct TransactionIndex: Equatable {
    static let entrySize = 34
    private(set) var entries: [AbortedTransaction] = []

    /// Adds `transaction` unless an entry for a marker at or after its own is already there (a log
    /// replaying its markers re-adds what it finds missing). Returns whether it was added.
    mutating func append(_ transaction: AbortedTransaction) -> Bool {
        if let last = entries.last, last.lastOffset >= transaction.lastOffset { return false }
        entries.append(transaction)
        return true
    }

    /// Drops the entries of markers at or after `offset`; returns whether any went.
    @discardableResult
    mutating func truncate(fromOffset offset: Int64) -> Bool {
        let before = entries.count
        entries.removeAll { $0.lastOffset >= offset }
        return entries.count != before
    }

    mutating func removeAll() { entries.removeAll() }

    /// Kafka's collectAbortedTxns: the transactions overlapping [fetchOffset, upperBound), and whether
    /// the search can stop here (an entry's last stable offset reached `upperBound`, so no later marker can
    /// belong to a transaction that began below it).
    func collect(from fetchOffset: Int64, upTo upperBound: Int64, into found: inout [AbortedTransaction]) -> Bool {
        for entry in entries {
            if entry.lastOffset >= fetchOffset && entry.firstOffset < upperBound { found.append(entry) }
            if entry.lastStableOffset >= upperBound { return true }
        }
        return false
    }

    /// `collect` over consecutive segments' indexes, from the one holding the fetch offset on, until one
    /// says the search is complete.
    static func collect(_ indexes: some Sequence<TransactionIndex>, from fetchOffset: Int64,
                        upTo upperBound: Int64) -> [AbortedTransaction] {
        var found: [AbortedTransaction] = []
        for index in indexes where index.collect(from: fetchOffset, upTo: upperBound, into: &found) { break }
        return found
    }

    static func encode(_ entry: AbortedTransaction, into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int16(0))
        buffer.writeInteger(entry.producerId)
        buffer.writeInteger(entry.firstOffset)
        buffer.writeInteger(entry.lastOffset)
        buffer.writeInteger(entry.lastStableOffset)
    }

    /// Decodes an index file's bytes: the entries up to the first that is short, of an unknown version,
    /// out of order or outside `[baseOffset, endOffset)` (what follows cannot be trusted), and whether
    /// the whole file was sound.
    static func decode(_ bytes: ByteBuffer, baseOffset: Int64, endOffset: Int64) -> (TransactionIndex, sound: Bool) {
        var index = TransactionIndex()
        var reader = bytes
        while reader.readableBytes >= entrySize {
            guard let version = reader.readInteger(as: Int16.self), version == 0,
                  let producerId = reader.readInteger(as: Int64.self), let first = reader.readInteger(as: Int64.self),
                  let last = reader.readInteger(as: Int64.self), let stable = reader.readInteger(as: Int64.self),
                  first <= last, last >= baseOffset, last < endOffset,
                  index.append(AbortedTransaction(producerId: producerId, firstOffset: first, lastOffset: last,
                                                  lastStableOffset: stable)) else {
                return (index, false)
            }
        }
        return (index, reader.readableBytes == 0)
    }
}

extension TransactionIndex {
    /// Loads `file`; a damaged file is cut back to its sound entries (the partition re-adds missing ones
    /// when it replays the log's markers). Never throws for bad content.
    static func load(_ file: RawFile, baseOffset: Int64, endOffset: Int64) -> (TransactionIndex, sound: Bool) {
        let size = file.size
        guard size > 0, let bytes = try? file.read(count: size, at: 0) else { return (TransactionIndex(), true) }
        return decode(bytes, baseOffset: baseOffset, endOffset: endOffset)
    }

    /// Writes the entry just appended at the end of `file`.
    func writeLast(to file: RawFile) throws {
        guard let last = entries.last else { return }
        var buffer = ByteBuffer()
        Self.encode(last, into: &buffer)
        try file.write(buffer, at: (entries.count - 1) * Self.entrySize)
    }

    /// Rewrites `file` with exactly the entries held.
    func save(to file: RawFile) throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(entries.count * Self.entrySize)
        for entry in entries { Self.encode(entry, into: &buffer) }
        if buffer.readableBytes > 0 { try file.write(buffer, at: 0) }
        try file.truncate(to: buffer.readableBytes)
    }
}
