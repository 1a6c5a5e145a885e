import Foundation
import Logging
import SamsaClient
import SamsaProtocol

/// One task's stores: where they live (`<state.dir>/<application.id>/<task>`), their changelog partitions,
/// what the checkpoint says was restored up to, and what the task has logged since.
final class TaskStores {
    struct Entry {
        var spec: StoreSpec
        var store: any ChangelogRestorable
        /// What processors and queries use: the store, or the record cache in front of it.
        var queryable: StateStore
        /// `<application.id>-<store>-changelog`, partition = the task's partition; nil without logging.
        var changelog: TopicPartition?
    }

    let taskId: TaskId
    let applicationId: String
    let stateDirectory: StateDirectory
    let directory: String
    let exactlyOnce: Bool
    let outbox: Outbox
    let logger: Logger
    /// The thread's record cache; nil (or empty) when `cache.max.bytes.buffering` is 0.
    let cache: ThreadCache?
    private(set) var entries: [Entry] = []
    /// Offsets the local state reflects, from the checkpoint file (empty when state was wiped).
    var checkpointed: [TopicPartition: Int64] = [:]
    /// The next offset after the last changelog record acknowledged, per changelog partition.
    var logged: [TopicPartition: Int64] = [:]

    /// Locks the task directory and reads its checkpoint. Under EOS the checkpoint is valid only until
    /// processing resumes, so it is deleted now: after a crash there is none, and the state is wiped and
    /// rebuilt from the committed changelog.
    init(taskId: TaskId, applicationId: String, stateDirectory: StateDirectory, exactlyOnce: Bool, outbox: Outbox, logger: Logger,
         cache: ThreadCache? = nil) throws {
        self.logger = logger
        self.cache = cache
        self.taskId = taskId
        self.applicationId = applicationId
        self.stateDirectory = stateDirectory
        self.exactlyOnce = exactlyOnce
        self.outbox = outbox
        directory = try stateDirectory.taskDirectory(taskId)
        guard try stateDirectory.lock(taskId) else {
            throw StreamsError(.illegalState, "The state directory of task \(taskId) (\(directory)) is locked by another instance on this machine.")
        }
        let file = try stateDirectory.checkpoint(taskId)
        var found: [TopicPartition: Int64]?
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                found = try file.read()
            } catch {
                logger.warning("\(error) Task \(taskId) restores its stores from their changelogs.")
            }
        }
        if exactlyOnce {
            try? file.delete()
            if found == nil { try stateDirectory.wipe(taskId) }
        } else if found == nil {
            // A missing or corrupt checkpoint: the local stores cannot be trusted, rebuild them.
            try stateDirectory.wipe(taskId)
        }
        checkpointed = found ?? [:]
    }

    /// Opens a store; changes to a logged store go to the outbox as records of the task's changelog partition.
    func open(_ spec: StoreSpec) throws -> StateStore {
        if let entry = entries.first(where: { $0.spec.name == spec.name }) { return entry.queryable }
        let changelog = spec.loggingEnabled ? TopicPartition("\(applicationId)-\(spec.changelogName)", taskId.partition) : nil
        let outbox = outbox
        var sink: ChangelogSink?
        if let tp = changelog {
            let name = spec.name
            sink = { @Sendable key, value, timestamp in
                outbox.append(OutgoingRecord(topic: tp.topic, partition: tp.partition, key: key, value: value,
                                             timestamp: timestamp, headers: [], changelogOf: name))
            }
        }
        let inner: any ChangelogRestorable
        do {
            inner = try spec.open(taskDirectory: directory)
        } catch let error as StateStoreError where spec.persistent {
            // A corrupt database: start it empty and rebuild it from the whole changelog.
            logger.warning("Store \(spec.name) of task \(taskId) cannot be opened (\(error)); restoring it from its changelog")
            try RocksDBStores.destroy(directory: directory, name: spec.name)
            if let changelog { checkpointed.removeValue(forKey: changelog) }
            inner = try spec.open(taskDirectory: directory)
        }
        let store = sink.map { spec.logging(inner, to: $0, timestamp: { outbox.timestamp.load(ordering: .relaxed) }) } ?? inner
        var queryable: StateStore = store
        if spec.cachingEnabled, let cache, cache.maxBytes > 0 {
            let now: @Sendable () -> Int64 = { outbox.timestamp.load(ordering: .relaxed) }
            let stamp: @Sendable (Int64) -> Void = { outbox.timestamp.store($0, ordering: .relaxed) }
            if let keyValue = store as? any KeyValueStore {
                queryable = CachingKeyValueStore(wrapping: keyValue, cache: cache, recordTimestamp: now, setLogTimestamp: stamp)
            } else if let window = store as? any WindowStore, !window.retainDuplicates {
                queryable = CachingWindowStore(wrapping: window, cache: cache, recordTimestamp: now, setLogTimestamp: stamp)
            }
        }
        entries.append(Entry(spec: spec, store: store, queryable: queryable, changelog: changelog))
        return queryable
    }

    /// Where restoring a changelog starts: the checkpoint when the store kept its contents, else the beginning.
    func restoreStart(_ entry: Entry) -> Int64? {
        guard let tp = entry.changelog, entry.spec.persistent, let offset = checkpointed[tp], offset >= 0 else { return nil }
        return offset
    }

    func flush() throws {
        for entry in entries { try entry.store.flush() }
    }

    /// Writes `.checkpoint` with the changelog offsets the stores now reflect (persistent stores only, as Kafka).
    func writeCheckpoint() throws {
        var offsets = checkpointed
        offsets.merge(logged) { max($0, $1) }
        let kept = offsets.filter { tp, _ in entries.contains { $0.changelog == tp && $0.spec.persistent } }
        // An empty file still marks the state as cleanly closed (no stores to restore).
        if kept.isEmpty {
            try (OffsetCheckpoint.render([:])).write(toFile: try stateDirectory.checkpoint(taskId).path, atomically: true, encoding: .utf8)
        } else {
            try stateDirectory.checkpoint(taskId).write(kept)
        }
    }

    /// Closes the stores and releases the task directory.
    func close() {
        for entry in entries { entry.store.close() }
        stateDirectory.unlock(taskId)
    }

    /// Deletes the task's local state (stores and checkpoint); only before `close`.
    func wipe() {
        try? stateDirectory.wipe(taskId)
    }
}
