import Foundation
import Logging

extension DiskLog {
    /// Opens the log in `directory`, creating it if needed. After an unclean shutdown the last segment is
    /// recovered: every batch CRC-checked and a torn or corrupt tail cut off. Any segment whose index is
    /// missing or damaged gets it rebuilt.
    public static func open(directory: String, config: LogConfig, logger: Logger = Logger(label: "samsa.storage")) throws -> DiskLog {
        try Files.makeDirectory(directory)
        let names = try Files.list(directory)
        let marker = "\(directory)/\(cleanShutdownMarker)"
        let clean = names.contains(cleanShutdownMarker)
        var bases: [Int64] = []
        for name in names {
            if name.hasSuffix(".deleted") || name.hasSuffix(".cleaned") || name.hasSuffix(".swap") || name.hasSuffix(".tmp") {
                Files.remove("\(directory)/\(name)")
            } else if name.hasSuffix(".log") {
                let stem = name.dropLast(4)
                if stem.count == 20, let base = Int64(stem), base >= 0 {
                    bases.append(base)
                } else {
                    logger.warning("Ignoring \(directory)/\(name): not a segment file name")
                }
            }
        }
        bases.sort()
        var segments: [LogSegment] = []
        for (i, base) in bases.enumerated() {
            let (segment, _) = try LogSegment.open(directory: directory, baseOffset: base,
                                                   indexInterval: config.indexIntervalBytes,
                                                   recover: !clean && i == bases.count - 1, logger: logger)
            segments.append(segment)
        }
        let savedStart = (try? AtomicFile.read("\(directory)/\(logStartFile)"))
            .flatMap { Int64(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
        if segments.isEmpty {
            segments = [try LogSegment.create(directory: directory, baseOffset: savedStart ?? 0, indexInterval: config.indexIntervalBytes)]
        }
        var epochs = LeaderEpochCache(path: "\(directory)/leader-epoch-checkpoint")
        let end = segments[segments.count - 1].nextOffset
        try epochs.truncate(fromOffset: end)
        let start = min(max(segments[0].baseOffset, savedStart ?? 0), end)
        Files.remove(marker)
        Files.syncDirectory(directory)
        return DiskLog(directory: directory, state: State(segments: segments, logStartOffset: start, config: config, epochs: epochs),
                       logger: logger)
    }

    public func truncate(to offset: Int64) throws {
        try state.withLock { s in
            guard offset < s.logEndOffset else { return }
            if offset <= s.segments[0].baseOffset {
                try resetAll(&s, at: max(offset, 0))
                return
            }
            while s.segments.count > 1, s.active.baseOffset >= offset {
                s.segments.removeLast().deleteFiles()
            }
            try s.active.truncate(to: offset)
            try s.epochs.truncate(fromOffset: s.logEndOffset)
            s.logStartOffset = min(s.logStartOffset, s.logEndOffset)
        }
    }

    public func truncateFullyAndStart(at offset: Int64) throws {
        try state.withLock { s in try resetAll(&s, at: offset) }
    }

    private func resetAll(_ s: inout State, at offset: Int64) throws {
        for segment in s.segments { segment.deleteFiles() }
        s.segments = [try LogSegment.create(directory: directory, baseOffset: offset, indexInterval: s.config.indexIntervalBytes)]
        s.logStartOffset = offset
        try s.epochs.clear()
        try saveLogStart(offset)
    }

    public func deleteRecords(before offset: Int64) throws {
        try state.withLock { s in
            guard offset <= s.logEndOffset else {
                throw StorageError.offsetOutOfRange(requested: offset, logStart: s.logStartOffset, logEnd: s.logEndOffset)
            }
            guard offset > s.logStartOffset else { return }
            s.logStartOffset = offset
            while s.segments.count > 1, s.segments[1].baseOffset <= offset {
                s.segments.removeFirst().deleteFiles()
            }
            try saveLogStart(offset)
        }
    }

    public func applyRetention(now: Int64) throws -> Int {
        try state.withLock { s in
            guard !s.closed, s.config.cleanupPolicy == .delete else { return 0 }
            var deleted = 0
            if s.config.retentionMs >= 0 {
                while s.segments.count > 1, s.segments[0].maxTimestamp >= 0 || s.segments[0].size == 0,
                      now - s.segments[0].maxTimestamp > s.config.retentionMs {
                    s.segments.removeFirst().deleteFiles()
                    deleted += 1
                }
            }
            if s.config.retentionBytes >= 0 {
                var total = Int64(s.segments.reduce(0) { $0 + $1.size })
                while s.segments.count > 1, total - Int64(s.segments[0].size) >= s.config.retentionBytes {
                    total -= Int64(s.segments[0].size)
                    s.segments.removeFirst().deleteFiles()
                    deleted += 1
                }
            }
            if deleted > 0 {
                s.logStartOffset = max(s.logStartOffset, s.segments[0].baseOffset)
                try saveLogStart(s.logStartOffset)
                logger.info("Retention removed \(deleted) segment(s) from \(directory); log now starts at \(s.logStartOffset)")
            }
            return deleted
        }
    }

    public func flush() throws {
        try state.withLock { s in
            if !s.closed { try s.active.flush() }
        }
    }

    /// Flushes, writes the indexes and marks a clean shutdown, so the next open trusts them.
    public func close() throws {
        try state.withLock { s in
            guard !s.closed else { return }
            for segment in s.segments { try segment.saveIndexes() }
            try s.active.file.sync()
            s.closed = true
            try AtomicFile.write(Data(), to: "\(directory)/\(Self.cleanShutdownMarker)")
        }
    }

    public func abandon() {
        state.withLock { $0.closed = true }
    }

    public func delete() throws {
        state.withLock { s in
            s.closed = true
            for segment in s.segments { segment.deleteFiles() }
        }
        try Files.removeTree(directory)
    }
}
