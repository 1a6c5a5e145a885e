import NIOCore

/// The sparse offset index of one segment: (offset relative to the segment base, byte position) pairs,
/// 8 bytes each on disk, one per `index.interval.bytes` of log. Held in memory; written at roll, flush
/// and close, and rebuilt from the log after an unclean shutdown.
///
/// Thread-safety: none; the owning segment serializes access.
struct OffsetIndex {
    struct Entry: Equatable {
        var relativeOffset: UInt32
        var position: UInt32
    }

    private(set) var entries: [Entry] = []
    /// Entries already on disk.
    private var persisted = 0

    mutating func append(relativeOffset: UInt32, position: UInt32) {
        entries.append(Entry(relativeOffset: relativeOffset, position: position))
    }

    /// Position of the last indexed batch at or before `relativeOffset` (0 if none).
    func position(atOrBefore relativeOffset: UInt32) -> Int {
        var low = 0, high = entries.count - 1, found = 0
        while low <= high {
            let mid = (low + high) / 2
            if entries[mid].relativeOffset <= relativeOffset {
                found = Int(entries[mid].position)
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }

    /// Drops entries for batches at or after `position`.
    mutating func truncate(toPosition position: Int) {
        while let last = entries.last, Int(last.position) >= position { entries.removeLast() }
        persisted = min(persisted, entries.count)
    }

    mutating func removeAll() {
        entries.removeAll()
        persisted = 0
    }

    /// Loads an index file, or nil if it is missing or fails Kafka's sanity checks (size a multiple of 8,
    /// offsets and positions strictly increasing, positions inside the log).
    static func load(_ file: RawFile, logSize: Int) -> OffsetIndex? {
        let size = file.size
        guard size % 8 == 0, let buffer = try? file.read(count: size, at: 0), buffer.readableBytes == size else { return nil }
        var index = OffsetIndex()
        var reader = buffer
        while let offset = reader.readInteger(as: UInt32.self), let position = reader.readInteger(as: UInt32.self) {
            if let last = index.entries.last, offset <= last.relativeOffset || position <= last.position { return nil }
            if Int(position) >= logSize { return nil }
            index.entries.append(Entry(relativeOffset: offset, position: position))
        }
        index.persisted = index.entries.count
        return index
    }

    /// Writes entries not yet on disk (or the whole file when `rewrite`).
    mutating func save(to file: RawFile, rewrite: Bool = false) throws {
        if rewrite { persisted = 0 }
        guard persisted < entries.count || rewrite else { return }
        var buffer = ByteBuffer()
        buffer.reserveCapacity((entries.count - persisted) * 8)
        for entry in entries[persisted...] {
            buffer.writeInteger(entry.relativeOffset)
            buffer.writeInteger(entry.position)
        }
        try file.write(buffer, at: persisted * 8)
        try file.truncate(to: entries.count * 8)
        persisted = entries.count
    }
}

/// The sparse time index of one segment: (max timestamp so far, relative offset) pairs, 12 bytes each,
/// added with offset-index entries when the largest timestamp grew.
///
/// Thread-safety: none; the owning segment serializes access.
struct TimeIndex {
    struct Entry: Equatable {
        var timestamp: Int64
        var relativeOffset: UInt32
    }

    private(set) var entries: [Entry] = []
    private var persisted = 0

    mutating func append(timestamp: Int64, relativeOffset: UInt32) {
        if let last = entries.last, timestamp <= last.timestamp { return }
        entries.append(Entry(timestamp: timestamp, relativeOffset: relativeOffset))
    }

    /// Relative offset of the last entry with timestamp at most `timestamp` (0 if none).
    func relativeOffset(atOrBefore timestamp: Int64) -> UInt32 {
        var low = 0, high = entries.count - 1, found: UInt32 = 0
        while low <= high {
            let mid = (low + high) / 2
            if entries[mid].timestamp <= timestamp {
                found = entries[mid].relativeOffset
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }

    mutating func truncate(toRelativeOffset offset: UInt32) {
        while let last = entries.last, last.relativeOffset >= offset { entries.removeLast() }
        persisted = min(persisted, entries.count)
    }

    mutating func removeAll() {
        entries.removeAll()
        persisted = 0
    }

    static func load(_ file: RawFile, maxRelativeOffset: UInt32) -> TimeIndex? {
        let size = file.size
        guard size % 12 == 0, let buffer = try? file.read(count: size, at: 0), buffer.readableBytes == size else { return nil }
        var index = TimeIndex()
        var reader = buffer
        while let timestamp = reader.readInteger(as: Int64.self), let offset = reader.readInteger(as: UInt32.self) {
            if let last = index.entries.last, timestamp <= last.timestamp || offset < last.relativeOffset { return nil }
            if offset > maxRelativeOffset { return nil }
            index.entries.append(Entry(timestamp: timestamp, relativeOffset: offset))
        }
        index.persisted = index.entries.count
        return index
    }

    mutating func save(to file: RawFile, rewrite: Bool = false) throws {
        if rewrite { persisted = 0 }
        guard persisted < entries.count || rewrite else { return }
        var buffer = ByteBuffer()
        for entry in entries[persisted...] {
            buffer.writeInteger(entry.timestamp)
            buffer.writeInteger(entry.relativeOffset)
        }
        try file.write(buffer, at: persisted * 12)
        try file.truncate(to: entries.count * 12)
        persisted = entries.count
    }
}
