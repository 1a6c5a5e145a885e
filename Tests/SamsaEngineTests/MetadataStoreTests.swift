import Foundation
import Logging
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

/// The controller's snapshot-plus-journal persistence: a leadership change appends one line instead of
/// rewriting the whole metadata, and every change survives a reopen, a torn last line and a crash
/// between folding the journal into the snapshot and emptying it.
@Suite struct MetadataStoreTests {
    let directory = NSTemporaryDirectory() + "samsa-metastore-\(UUID().uuidString)"
    var snapshot: String { directory + "/meta.json" }
    var journal: String { directory + "/meta.log" }

    func open(brokers: Int = 3) throws -> Controller {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try Controller(metadataPath: snapshot, brokerIds: (0..<brokers).map { Int32($0) },
                              settings: BrokerSettings(), logger: Logger(label: "test"))
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Moves leadership of `topic`'s partition 0 one broker on, at a new epoch, as an election would.
    func elect(_ controller: Controller, _ topic: String) throws {
        try controller.mutateMetadata { metadata in
            var state = metadata.topics[topic]!.partitions[0]
            state.leader = state.replicas[(state.replicas.firstIndex(of: state.leader)! + 1) % state.replicas.count]
            state.leaderEpoch += 1
            state.isr = [state.leader]
            metadata.topics[topic]!.partitions[0] = state
        }
    }

    @Test func aLeadershipChangeAppendsOneLineAndSurvivesAReopen() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try open()
        try controller.createTopic(name: "orders", partitions: 3, replicationFactor: 3)
        let snapshotBefore = try read(snapshot)
        let journalBefore = try read(journal).count
        try elect(controller, "orders")
        #expect(try read(snapshot) == snapshotBefore, "the snapshot is not rewritten for a leadership change")
        let line = try read(journal).count - journalBefore
        #expect(line > 0 && line < 200, "one small line (\(line) bytes)")
        let expected = controller.topic("orders")
        #expect(try open().topic("orders") == expected)
    }

    @Test func aTornLastLineIsDroppedAndEverythingBeforeItKept() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try open()
        try controller.createTopic(name: "a", partitions: 1, replicationFactor: 3)
        try controller.createTopic(name: "b", partitions: 1, replicationFactor: 3)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"topic\":{\"_0\":{\"name\":\"c\"".utf8))
        try handle.close()
        let reopened = try open()
        #expect(reopened.topic("a") != nil && reopened.topic("b") != nil && reopened.topic("c") == nil)
    }

    @Test func anUnreadableLineInTheMiddleIsOneClearSentenceAndLosesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try open()
        try controller.createTopic(name: "a", partitions: 1, replicationFactor: 3)
        try elect(controller, "a")
        var lines = try read(journal).split(separator: UInt8(ascii: "\n")).map(Array.init)
        lines.insert(Array("garbage".utf8), at: 1)
        let corrupt = Data(lines.joined(separator: [UInt8(ascii: "\n")]) + [UInt8(ascii: "\n")])
        try corrupt.write(to: URL(fileURLWithPath: journal))
        let snapshotBefore = try read(snapshot)
        do {
            _ = try open()
            Issue.record("a corrupt journal was accepted")
        } catch let error as EngineError {
            #expect(error.message.contains("Line 2") && error.message.contains(journal))
        }
        #expect(try read(journal) == corrupt && read(snapshot) == snapshotBefore, "nothing stored was touched")
    }

    @Test func theJournalIsFoldedIntoTheSnapshotAfterManyChanges() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try open()
        try controller.createTopic(name: "busy", partitions: 1, replicationFactor: 3)
        for _ in 0..<MetadataStore.foldAfter { try elect(controller, "busy") }
        #expect(try read(journal).count < 1000, "folded: the journal starts over")
        let expected = controller.topic("busy")
        #expect(expected?.partitions[0].leaderEpoch == Int32(MetadataStore.foldAfter))
        #expect(try open().topic("busy") == expected)
    }

    @Test func replayingAJournalTheSnapshotAlreadyHoldsChangesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try open()
        try controller.createTopic(name: "kept", partitions: 2, replicationFactor: 3)
        try controller.createTopic(name: "gone", partitions: 2, replicationFactor: 3)
        try elect(controller, "gone")
        try controller.deleteTopic("gone")
        try controller.createTopic(name: "gone", partitions: 1, replicationFactor: 3)
        try elect(controller, "kept")
        let journalBeforeFold = try read(journal)
        let expected = controller.snapshot().topics
        // Opening folds the journal into the snapshot; a crash right after the snapshot was written
        // leaves the old journal beside it.
        _ = try open()
        try journalBeforeFold.write(to: URL(fileURLWithPath: journal))
        #expect(try open().snapshot().topics == expected)
    }
}
