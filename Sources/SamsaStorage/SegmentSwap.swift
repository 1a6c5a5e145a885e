import Logging

/// Crash-safe replacement of a run of segments by their cleaned copy, and the recovery that finishes or
/// undoes an interrupted one when the log is opened. After Kafka's `.cleaned` → `.swap` protocol, with
/// the old segments set aside before the commit so recovery never has to guess which ones the swap
/// covers (a cleaned copy may end well before the segments it replaces did).
///
/// 1. The cleaner writes `B.log.cleaned`, `B.index.cleaned`, `B.timeindex.cleaned`, `B.txnindex.cleaned` (B: the first old
///    segment's base offset) and fsyncs them.
/// 2. Each old `X.log` is renamed `X.log.replaced`.
/// 3. `B.log.cleaned` is renamed `B.log.swap`: the commit point.
/// 4. The `.replaced` logs and the old indexes are deleted.
/// 5. The cleaned indexes take their final names, then `B.log.swap` becomes `B.log`.
/// The directory is fsynced after steps 2 to 5, so they reach the disk in order.
///
/// Recovery: `.cleaned` files are deleted. With a `.swap` present, the commit happened: remaining
/// `.replaced` files and their indexes are deleted, the swap's stale indexes too (rebuilt on open), and
/// `.swap` becomes `.log`. Without one, every `.replaced` file is renamed back to `.log`.
///
/// Thread-safety: `commit` runs under the owning DiskLog's lock; `recover` before the log exists.
enum SegmentSwap {
    static let cleanedSuffix = ".cleaned"
    static let swapSuffix = ".swap"
    static let replacedSuffix = ".replaced"

    /// Points after which a test can stop `commit`, leaving the files as a crash would.
    enum Step: Sendable {
        case oldSetAside, committed, oldRemoved
    }

    struct SimulatedCrash: Error {}

    /// Puts `cleaned` (written and sealed under `.cleaned` names) in place of `old`. Throws only before
    /// the commit point, after undoing its renames and deleting the cleaned files; past it, a failure is
    /// logged and left for the next open to finish.
    static func commit(_ cleaned: LogSegment, replacing old: [LogSegment], directory: String, logger: Logger,
                       stopAfter: Step? = nil) throws {
        func stop(_ step: Step) throws { if stopAfter == step { throw SimulatedCrash() } }
        let stem = LogSegment.stem(directory: directory, baseOffset: cleaned.baseOffset)
        var setAside: [String] = []
        func undo() {
            for path in setAside { try? Files.rename(path + replacedSuffix, path) }
            Files.syncDirectory(directory)
            cleaned.deleteFiles()
        }
        do {
            for segment in old {
                try Files.rename(segment.logPath, segment.logPath + replacedSuffix)
                setAside.append(segment.logPath)
            }
            Files.syncDirectory(directory)
            try stop(.oldSetAside)
            try Files.rename(stem + ".log" + cleanedSuffix, stem + ".log" + swapSuffix)
        } catch let error where !(error is SimulatedCrash) {
            undo()
            throw error
        }
        Files.syncDirectory(directory)
        try stop(.committed)
        // Committed: from here on the cleaned copy is the truth, whatever fails.
        for segment in old {
            let oldStem = LogSegment.stem(directory: directory, baseOffset: segment.baseOffset)
            Files.remove(segment.logPath + replacedSuffix)
            Files.remove(oldStem + ".index")
            Files.remove(oldStem + ".timeindex")
            Files.remove(oldStem + ".txnindex")
        }
        Files.syncDirectory(directory)
        try stop(.oldRemoved)
        do {
            try Files.rename(stem + ".index" + cleanedSuffix, stem + ".index")
            try Files.rename(stem + ".timeindex" + cleanedSuffix, stem + ".timeindex")
            if Files.exists(stem + ".txnindex" + cleanedSuffix) {
                try Files.rename(stem + ".txnindex" + cleanedSuffix, stem + ".txnindex")
            }
            try Files.rename(stem + ".log" + swapSuffix, stem + ".log")
        } catch {
            logger.error("Could not finish swapping in the cleaned segment \(stem).log (\(error)); the next open will.")
        }
        Files.syncDirectory(directory)
        cleaned.markInstalled()
    }

    /// Finishes or undoes an interrupted swap in `directory` and removes leftover temporary files.
    static func recover(directory: String, logger: Logger) throws {
        let names = try Files.list(directory)
        var changed = false
        for name in names where name.hasSuffix(".deleted") || name.hasSuffix(".tmp") || name.hasSuffix(cleanedSuffix)
            || (name.hasSuffix(swapSuffix) && !name.hasSuffix(".log" + swapSuffix)) {
            Files.remove("\(directory)/\(name)")
            changed = true
        }
        let swaps = names.filter { $0.hasSuffix(".log" + swapSuffix) }.map { String($0.dropLast(".log".count + swapSuffix.count)) }
        let replaced = names.filter { $0.hasSuffix(".log" + replacedSuffix) }.map { String($0.dropLast(".log".count + replacedSuffix.count)) }
        if swaps.isEmpty {
            for stem in replaced {
                try Files.rename("\(directory)/\(stem).log\(replacedSuffix)", "\(directory)/\(stem).log")
                logger.notice("Rolled back an unfinished compaction of \(directory)/\(stem).log")
            }
        } else {
            for stem in replaced {
                Files.remove("\(directory)/\(stem).log\(replacedSuffix)")
                Files.remove("\(directory)/\(stem).index")
                Files.remove("\(directory)/\(stem).timeindex")
                Files.remove("\(directory)/\(stem).txnindex")
            }
            for stem in swaps {
                Files.remove("\(directory)/\(stem).index")
                Files.remove("\(directory)/\(stem).timeindex")
                Files.remove("\(directory)/\(stem).txnindex")
                try Files.rename("\(directory)/\(stem).log\(swapSuffix)", "\(directory)/\(stem).log")
                logger.notice("Finished an interrupted compaction swap of \(directory)/\(stem).log")
            }
        }
        if changed || !swaps.isEmpty || !replaced.isEmpty { Files.syncDirectory(directory) }
    }
}
