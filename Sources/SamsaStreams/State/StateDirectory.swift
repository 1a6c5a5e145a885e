import Foundation
import Glibc
import Synchronization

/// Kafka Streams' state directory: `<state.dir>/<application.id>/<taskId>/` per task, holding the task's
/// `.checkpoint` and `rocksdb/<store>` databases, and `kafka-streams-process-metadata` (the instance's
/// process id, kept across restarts). Each task directory is locked with `flock` on its `.lock` file while a
/// thread of this instance owns the task, so two instances on one machine never share a task's state.
///
/// Thread-safety: safe from any thread.
public final class StateDirectory: Sendable {
    public static let processFileName = "kafka-streams-process-metadata"
    public static let lockFileName = ".lock"

    public let root: String
    public let applicationId: String
    /// `<root>/<applicationId>`.
    public let directory: String
    /// Open lock files by task: the descriptor holds the flock.
    private let locks = Mutex<[TaskId: Int32]>([:])

    /// Creates `<root>/<applicationId>` if needed; a path that cannot be created throws one sentence.
    public init(root: String, applicationId: String) throws {
        self.root = root
        self.applicationId = applicationId
        directory = URL(fileURLWithPath: root).appendingPathComponent(applicationId).path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StateStoreError("Cannot create the state directory \(directory): \(error.localizedDescription)")
        }
    }

    deinit {
        for fd in locks.withLock({ Array($0.values) }) { Glibc.close(fd) }
    }

    /// The instance's process id from `kafka-streams-process-metadata` (`{"processId":"<uuid>"}`, as Kafka's
    /// Jackson writes it); a missing or unreadable file gets a fresh id, written back.
    public func processId() throws -> UUID {
        let path = directory + "/" + Self.processFileName
        if let data = FileManager.default.contents(atPath: path),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let text = object["processId"] as? String, let id = UUID(uuidString: text) {
            return id
        }
        let id = UUID()
        let json = "{\"processId\":\"\(id.uuidString.lowercased())\"}"
        do {
            try Data(json.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StateStoreError("Cannot write the process file \(path): \(error.localizedDescription)")
        }
        return id
    }

    /// `<directory>/<task>`, created if needed.
    public func taskDirectory(_ task: TaskId) throws -> String {
        let path = directory + "/" + task.description
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StateStoreError("Cannot create the task state directory \(path): \(error.localizedDescription)")
        }
        return path
    }

    /// The task's `.checkpoint` file.
    public func checkpoint(_ task: TaskId) throws -> OffsetCheckpoint {
        OffsetCheckpoint(path: try taskDirectory(task) + "/" + OffsetCheckpoint.fileName)
    }

    /// Takes the task directory's lock; false when another instance (or another `StateDirectory` over the same
    /// path) holds it. Taking a lock this instance already holds succeeds.
    public func lock(_ task: TaskId) throws -> Bool {
        let path = try taskDirectory(task) + "/" + Self.lockFileName
        return try locks.withLock { locks in
            if locks[task] != nil { return true }
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw StateStoreError("Cannot open the lock file \(path): \(String(cString: strerror(errno))).")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                Glibc.close(fd)
                return false
            }
            locks[task] = fd
            return true
        }
    }

    public func unlock(_ task: TaskId) {
        locks.withLock { locks in
            if let fd = locks.removeValue(forKey: task) {
                flock(fd, LOCK_UN)
                Glibc.close(fd)
            }
        }
    }

    public func isLocked(_ task: TaskId) -> Bool { locks.withLock { $0[task] != nil } }

    /// The tasks that have a directory here, in task order.
    public func taskDirectories() -> [TaskId] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap(TaskId.init).sorted()
    }

    /// Deletes a task's state (stores and checkpoint) but keeps its directory and lock: the next start
    /// restores it from the changelog. Only for a task this instance has locked.
    public func wipe(_ task: TaskId) throws {
        guard isLocked(task) else {
            throw StateStoreError("Cannot wipe the state of task \(task) in \(directory) without holding its lock.")
        }
        let path = try taskDirectory(task)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name != Self.lockFileName {
            do {
                try FileManager.default.removeItem(atPath: path + "/" + name)
            } catch {
                throw StateStoreError("Cannot wipe \(path)/\(name): \(error.localizedDescription)")
            }
        }
    }

    /// Kafka's `cleanRemovedTasks`: deletes the directories of tasks no instance has locked and nobody has
    /// touched for `cleanupDelayMs` (`state.cleanup.delay.ms`, default 600000). Returns the tasks removed.
    @discardableResult
    public func cleanRemovedTasks(cleanupDelayMs: Int64, now: Date = Date()) -> [TaskId] {
        var removed: [TaskId] = []
        for task in taskDirectories() where !isLocked(task) {
            let path = directory + "/" + task.description
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let modified = attributes[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) * 1000 > Double(cleanupDelayMs) else { continue }
            // Lock while deleting, so an instance cannot take the task in the middle.
            guard (try? lock(task)) == true else { continue }
            defer { unlock(task) }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(task) }
        }
        return removed
    }

    /// Releases every lock this instance holds.
    public func close() {
        for task in locks.withLock({ Array($0.keys) }) { unlock(task) }
    }
}
