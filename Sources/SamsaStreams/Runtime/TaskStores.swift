import Foundation
import SamsaClient
import SamsaProtocol

/// One task's stores: where they live (`<state.dir>/<application.id>/<task>`), their changelog partitions,
/// what the checkpoint says was restored up to, and what the task has logged since.
final class TaskStores {
    struct Entry {
        var spec: StoreSpec
        var opened: OpenedStore
        /// `<application.id>-<store>-changelog`, partition = the task's partition; nil without logging.
        var changelog: TopicPartition?
    }

    let taskId: TaskId
    let applicationId: String
    let directory: String
    let exactlyOnce: Bool
    private(set) var entries: [Entry] = []
    /// Offsets the local state reflects, from the checkpoint file (empty when state was wiped).
    var checkpointed: [TopicPartition: Int64] = [:]
    /// The next offset after the last changelog record acknowledged, per changelog partition.
    var logged: [TopicPartition: Int64] = [:]

    init(taskId: TaskId, applicationId: String, stateDir: String, exactlyOnce: Bool) throws {
        self.taskId = taskId
        self.applicationId = applicationId
        self.exactlyOnce = exactlyOnce
        directory = (stateDir as NSString).appendingPathComponent("\(applicationId)/\(taskId)")
        let file = OffsetCheckpoint(path: checkpointPath)
        let found = try file.read()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if exactlyOnce {
            // Under EOS a checkpoint is valid only until processing resumes: a crash after this point must
            // leave no checkpoint, so the state is wiped and rebuilt from the committed changelog.
            file.delete()
            if found == nil { wipe() }
        }
        checkpointed = found ?? [:]
    }

    var checkpointPath: String { (directory as NSString).appendingPathComponent(".checkpoint") }

    /// Opens a store; changes to a logged store go to `emit` as changelog records of the task's partition.
    func open(_ spec: StoreSpec, emit: @escaping (OutgoingRecord) -> Void) throws -> StateStore {
        if let entry = entries.first(where: { $0.spec.name == spec.name }) { return entry.opened.store }
        let changelog = spec.loggingEnabled
            ? TopicPartition("\(applicationId)-\(spec.changelogName)", taskId.partition) : nil
        let log: ((_ key: [UInt8], _ value: [UInt8]?) -> Void)? = changelog.map { tp in
            { key, value in
                emit(OutgoingRecord(topic: tp.topic, partition: tp.partition, key: key, value: value,
                                    timestamp: Int64(Date().timeIntervalSince1970 * 1000), headers: [], changelogOf: spec.name))
            }
        }
        let opened = try StoreBackend.open(spec, directory: (directory as NSString).appendingPathComponent(spec.name), log: log)
        entries.append(Entry(spec: spec, opened: opened, changelog: changelog))
        return opened.store
    }

    /// Where restoring a changelog starts: the checkpoint when the store kept its contents, else the beginning.
    func restoreStart(_ entry: Entry) -> Int64? {
        guard let tp = entry.changelog, StoreBackend.survivesRestart(entry.spec) else { return nil }
        return checkpointed[tp]
    }

    func flush() throws {
        for entry in entries { try entry.opened.store.flush() }
    }

    /// Writes `.checkpoint` with the changelog offsets the stores now reflect (persistent stores only, as Kafka).
    func writeCheckpoint() throws {
        var offsets = checkpointed
        offsets.merge(logged) { max($0, $1) }
        let kept = offsets.filter { tp, _ in entries.contains { $0.changelog == tp && StoreBackend.survivesRestart($0.spec) } }
        try OffsetCheckpoint(path: checkpointPath).write(kept)
    }

    func close() {
        for entry in entries { entry.opened.store.close() }
    }

    /// Deletes the task's local state (but not the directory itself).
    func wipe() {
        let fm = FileManager.default
        for item in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] {
            try? fm.removeItem(atPath: (directory as NSString).appendingPathComponent(item))
        }
    }
}

/// Kafka's `OffsetCheckpoint` file: `0` (version), the entry count, then `topic partition offset` lines.
struct OffsetCheckpoint {
    let path: String

    func read() throws -> [TopicPartition: Int64]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count >= 2, lines[0] == "0", let count = Int(lines[1]), lines.count - 2 == count else {
            throw StreamsError(.illegalState, "Checkpoint file \(path) is malformed; delete it to restore the task from its changelog.")
        }
        var offsets: [TopicPartition: Int64] = [:]
        for line in lines.dropFirst(2) {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let p = Int32(parts[1]), let o = Int64(parts[2]) else {
                throw StreamsError(.illegalState, "Checkpoint file \(path) has a malformed line \"\(line)\"; delete it to restore the task from its changelog.")
            }
            offsets[TopicPartition(String(parts[0]), p)] = o
        }
        return offsets
    }

    /// Written to a temporary file and renamed, so a crash leaves the old checkpoint or the new one.
    func write(_ offsets: [TopicPartition: Int64]) throws {
        let lines = ["0", "\(offsets.count)"] + offsets.sorted { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }
            .map { "\($0.key.topic) \($0.key.partition) \($0.value)" }
        let temp = path + ".tmp"
        try (lines.joined(separator: "\n") + "\n").write(toFile: temp, atomically: false, encoding: .utf8)
        _ = rename(temp, path)
    }

    func delete() { try? FileManager.default.removeItem(atPath: path) }
}
