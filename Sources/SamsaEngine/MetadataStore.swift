import Foundation
import Logging
import NIOCore
import SamsaStorage
import Synchronization

/// The controller's metadata on disk: a snapshot (`samsa-metadata.json`, written whole and atomically)
/// and a journal of the changes since (`samsa-metadata.log`, one JSON change per line). A change costs one
/// small append, not a rewrite and fsync of the whole file, so an in-sync set that shrinks under a
/// follower's fetch stays cheap. The journal is folded into a new snapshot at start and every
/// `foldAfter` changes. Appends reach the page cache at once and are synced by `flush()` (the scheduler
/// calls it every second), or at once when `syncEveryChange` (`--fsync`).
///
/// Thread-safety: `record` is called under the controller's lock, which orders the journal; `flush` may
/// run beside it.
final class MetadataStore: Sendable {
    let snapshotPath: String
    let journalPath: String
    let syncEveryChange: Bool
    private let journal: JournalFile
    private let counters = Mutex((changes: 0, dirty: false))
    private let logger: Logger
    static let foldAfter = 1000

    /// Reads the snapshot and replays the journal; nil when the directory holds no metadata yet.
    static func load(snapshotPath: String, journalPath: String, logger: Logger) throws -> ClusterMetadata? {
        guard var metadata = try readSnapshot(snapshotPath) else {
            if let journal = try JournalFile.contents(of: journalPath), !journal.isEmpty {
                throw EngineError(.kafkaStorageError, "The metadata journal \(journalPath) has no snapshot "
                                  + "\(snapshotPath) beside it; restore that file or move the journal away to start fresh.")
            }
            return nil
        }
        guard let data = try JournalFile.contents(of: journalPath) else { return metadata }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let decoder = JSONDecoder()
        for (number, line) in lines.enumerated() where !line.isEmpty {
            let isLast = number == lines.count - 1
            guard let change = try? decoder.decode(MetadataChange.self, from: Data(line)) else {
                if isLast {
                    // A change cut short by a power loss: it was never acknowledged.
                    logger.warning("Ignoring a torn last change in \(journalPath)")
                    break
                }
                throw EngineError(.kafkaStorageError, "Line \(number + 1) of the metadata journal \(journalPath) is "
                                  + "unreadable; move the file away to start from the snapshot \(snapshotPath).")
            }
            change.apply(to: &metadata)
        }
        return metadata
    }

    private static func readSnapshot(_ path: String) throws -> ClusterMetadata? {
        guard let data = try AtomicFile.read(path) else { return nil }
        do {
            return try JSONDecoder().decode(ClusterMetadata.self, from: data)
        } catch {
            throw EngineError(.kafkaStorageError, "The cluster metadata file \(path) is unreadable (\(error)); move it away to start fresh.")
        }
    }

    /// Starts a store at `metadata` (what `load` returned, or a fresh cluster): writes it as the snapshot
    /// and empties the journal.
    init(snapshotPath: String, journalPath: String, metadata: ClusterMetadata, syncEveryChange: Bool, logger: Logger) throws {
        self.snapshotPath = snapshotPath
        self.journalPath = journalPath
        self.syncEveryChange = syncEveryChange
        self.logger = logger
        do {
            journal = try JournalFile(path: journalPath)
        } catch {
            throw EngineError(.kafkaStorageError, "Could not open the metadata journal \(journalPath): \(error)")
        }
        try fold(metadata)
    }

    /// Journals the changes from `old` to `new`. Called under the controller's lock, before `new` is visible.
    func record(from old: ClusterMetadata, to new: ClusterMetadata) throws {
        let changes = MetadataChange.diff(from: old, to: new)
        guard !changes.isEmpty else { return }
        let folding = counters.withLock { counters -> Bool in
            counters.changes += changes.count
            return counters.changes >= Self.foldAfter
        }
        if folding { return try fold(new) }
        var buffer = ByteBuffer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            for change in changes {
                buffer.writeBytes(try encoder.encode(change))
                buffer.writeInteger(UInt8(ascii: "\n"))
            }
            try journal.append(buffer)
            if syncEveryChange { try journal.sync() } else { counters.withLock { $0.dirty = true } }
        } catch {
            throw EngineError(.kafkaStorageError, "Could not save cluster metadata to \(journalPath): \(error)")
        }
    }

    /// Syncs journal appends made since the last flush.
    func flush() {
        guard counters.withLock({ counters -> Bool in
            defer { counters.dirty = false }
            return counters.dirty
        }) else { return }
        do { try journal.sync() } catch { logger.error("Could not sync \(journalPath): \(error)") }
    }

    /// Writes `metadata` as the snapshot, then empties the journal. A crash between the two replays
    /// changes the snapshot already holds, which leaves it unchanged.
    private func fold(_ metadata: ClusterMetadata) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try AtomicFile.write(try encoder.encode(metadata), to: snapshotPath)
            try journal.truncate(to: 0)
        } catch {
            throw EngineError(.kafkaStorageError, "Could not save cluster metadata to \(snapshotPath): \(error)")
        }
        counters.withLock { $0 = (0, false) }
    }
}
