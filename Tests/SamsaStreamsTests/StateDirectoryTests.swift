import Foundation
import SamsaProtocol
import Testing
@testable import SamsaStreams

@Suite struct StateDirectoryTests {
    @Test func laysOutKafkasTaskDirectories() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let state = try StateDirectory(root: dir.path, applicationId: "wordcount")
        let task = TaskId(subtopology: 1, partition: 3)
        #expect(try state.taskDirectory(task) == dir.path + "/wordcount/1_3")
        #expect(try state.checkpoint(task).path == dir.path + "/wordcount/1_3/.checkpoint")
        #expect(RocksDBStores.path(directory: try state.taskDirectory(task), name: "counts")
                == dir.path + "/wordcount/1_3/rocksdb/counts")
        _ = try state.taskDirectory(TaskId(subtopology: 0, partition: 0))
        #expect(state.taskDirectories() == [TaskId(subtopology: 0, partition: 0), task])
    }

    @Test func processIdSurvivesARestartInKafkasFile() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let first = try StateDirectory(root: dir.path, applicationId: "app").processId()
        let file = dir.path + "/app/kafka-streams-process-metadata"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == "{\"processId\":\"\(first.uuidString.lowercased())\"}")
        #expect(try StateDirectory(root: dir.path, applicationId: "app").processId() == first)
        try Data("not json".utf8).write(to: URL(fileURLWithPath: file))
        let replaced = try StateDirectory(root: dir.path, applicationId: "app").processId()
        #expect(replaced != first)
        #expect(try StateDirectory(root: dir.path, applicationId: "app").processId() == replaced)
    }

    @Test func twoInstancesNeverHoldOneTask() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let a = try StateDirectory(root: dir.path, applicationId: "app")
        let b = try StateDirectory(root: dir.path, applicationId: "app")
        let task = TaskId(subtopology: 0, partition: 1)
        #expect(try a.lock(task))
        #expect(try a.lock(task))  // re-entrant for its holder
        #expect(try !b.lock(task))
        #expect(try b.lock(TaskId(subtopology: 0, partition: 2)))
        a.unlock(task)
        #expect(try b.lock(task))
        #expect(try !a.lock(task))
        b.close()
        #expect(try a.lock(task))
    }

    @Test func wipeRemovesStateButKeepsTheLock() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let state = try StateDirectory(root: dir.path, applicationId: "app")
        let task = TaskId(subtopology: 0, partition: 0)
        let taskDir = try state.taskDirectory(task)
        #expect(throws: StateStoreError.self) { try state.wipe(task) }
        #expect(try state.lock(task))
        let store = try RocksDBKeyValueStore(name: "counts", directory: taskDir)
        try store.put(b("k"), b("v"))
        store.close()
        try state.checkpoint(task).write([TopicPartition("app-counts-changelog", 0): 5])
        try state.wipe(task)
        #expect(try FileManager.default.contentsOfDirectory(atPath: taskDir) == [".lock"])
        let other = try StateDirectory(root: dir.path, applicationId: "app")
        #expect(try !other.lock(task))
    }

    @Test func cleanupRemovesOnlyUnlockedTaskDirectoriesPastTheDelay() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let state = try StateDirectory(root: dir.path, applicationId: "app")
        let old = TaskId(subtopology: 0, partition: 0)
        let held = TaskId(subtopology: 0, partition: 1)
        let recent = TaskId(subtopology: 0, partition: 2)
        for task in [old, held, recent] { _ = try state.taskDirectory(task) }
        let hourAgo = Date().addingTimeInterval(-3600)
        for task in [old, held] {
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: try state.taskDirectory(task))
        }
        #expect(try state.lock(held))
        #expect(state.cleanRemovedTasks(cleanupDelayMs: 600_000) == [old])
        #expect(state.taskDirectories() == [held, recent])
    }
}
