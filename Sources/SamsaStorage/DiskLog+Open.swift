import Foundation
import Logging
import Synchronization

extension DiskLog {
    /// Opens the log in `directory`, creating it if needed. After an unclean shutdown the last segment is
    /// recovered: every batch CRC-checked and a torn or corrupt tail cut off. Any segment whose index is
    /// missing or damaged gets it rebuilt. A compaction swap cut short by a crash is finished or undone
    /// first (see `SegmentSwap`).
    public static func open(directory: String, config: LogConfig, logger: Logger = Logger(label: "samsa.storage")) throws -> DiskLog {
        try Files.makeDirectory(directory)
        try SegmentSwap.recover(directory: directory, logger: logger)
        let names = try Files.list(directory)
        let marker = "\(directory)/\(cleanShutdownMarker)"
        let clean = names.contains(cleanShutdownMarker)
        var bases: [Int64] = []
        for name in names {
            if name.hasSuffix(".log") {
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
        func savedOffset(_ file: String) -> Int64? {
            (try? AtomicFile.read("\(directory)/\(file)"))
                .flatMap { Int64(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let savedStart = savedOffset(logStartFile)
        if segments.isEmpty {
            segments = [try LogSegment.create(directory: directory, baseOffset: savedStart ?? 0, indexInterval: config.indexIntervalBytes)]
        }
        var epochs = LeaderEpochCache(path: "\(directory)/leader-epoch-checkpoint")
        let end = segments[segments.count - 1].nextOffset
        try epochs.truncate(fromOffset: end)
        let start = min(max(segments[0].baseOffset, savedStart ?? 0), end)
        Files.remove(marker)
        Files.syncDirectory(directory)
        let firstDirty = min(max(savedOffset(cleanerCheckpointFile) ?? start, start), end)
        return DiskLog(directory: directory, state: State(segments: segments, logStartOffset: start, config: config, epochs: epochs,
                                                          firstDirtyOffset: firstDirty),
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
            s.generation += 1
            try s.epochs.truncate(fromOffset: s.logEndOffset)
            s.logStartOffset = min(s.logStartOffset, s.logEndOffset)
            if s.firstDirtyOffset > s.logEndOffset {
                s.firstDirtyOffset = s.logEndOffset
                try saveCleanerCheckpoint(s.firstDirtyOffset)
            }
        }
    }

    public func truncateFullyAndStart(at offset: Int64) throws {
        try state.withLock { s in try resetAll(&s, at: offset) }
    }

    private func resetAll(_ s: inout State, at offset: Int64) throws {
        for segment in s.segments { segment.deleteFiles() }
        s.segments = [try LogSegment.create(directory: directory, baseOffset: offset, indexInterval: s.config.indexIntervalBytes)]
        s.logStartOffset = offset
        s.generation += 1
        s.firstDirtyOffset = offset
        try s.epochs.clear()
        try saveLogStart(offset)
        try saveCleanerCheckpoint(offset)
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
            try s.epochs.truncate(fromStart: offset)
        }
    }

    public func applyRetention(now: Int64, highWatermark: Int64) throws -> Int {
        try state.withLock { s in
            guard !s.closed else { return 0 }
            let deleted = s.config.deletableSegmentCount(s.segments, logStartOffset: s.logStartOffset, logEndOffset: s.logEndOffset,
                                                         highWatermark: highWatermark, now: now)
            guard deleted > 0 else { return 0 }
            if deleted == s.segments.count {
                // The active segment goes too: a log keeps one segment, so roll an empty one at the log end first.
                s.segments.append(try LogSegment.create(directory: directory, baseOffset: s.logEndOffset,
                                                        indexInterval: s.config.indexIntervalBytes))
            }
            // The log start moves before the files go (Kafka's order), so a crash in between leaves segments
            // below the log start, which the next pass deletes, never a log start below its first segment.
            let start = max(s.logStartOffset, s.segments[deleted].baseOffset)
            if start > s.logStartOffset {
                s.logStartOffset = start
                try saveLogStart(start)
                try s.epochs.truncate(fromStart: start)
            }
            for segment in s.segments.prefix(deleted) { segment.deleteFiles() }
            s.segments.removeFirst(deleted)
            logger.info("Retention removed \(deleted) segment(s) from \(directory); log now starts at \(s.logStartOffset)")
            return deleted
        }
    }

    public func flush() throws {
        try state.withLock { s in
            if !s.closed { try s.active.flush() }
        }
    }

    /// Flushes, writes the indexes and marks a clean shutdown, so the next open trusts them. A running
    /// compaction pass is stopped first.
    public func close() throws {
        stopCleaner()
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
        stopCleaner()
        state.withLock { s in
            s.closed = true
            for segment in s.segments { segment.deleteFiles() }
        }
        try Files.removeTree(directory)
    }
}

extension DiskLog {
    /// Makes a running compaction pass stop at its next batch and waits until it has.
    private func stopCleaner() {
        cleanerAbort.store(true, ordering: .relaxed)
        cleanerLock.withLock { _ in }
    }
}
