import Foundation
import Logging
import Testing
@testable import SamsaTUI

@Suite struct ActionAndLoggingTests {
    @Test func actionsCallTheSourceAndDescribeTheOutcome() async {
        let source = FakeWorkbenchSource()
        let created = await WorkbenchAction.createTopic(name: "orders", partitions: 3, replicationFactor: 2).perform(on: source)
        #expect(created.message == "Created topic orders (3 partitions, replication factor 2).")
        let single = await WorkbenchAction.createTopic(name: "solo", partitions: 1, replicationFactor: 1).perform(on: source)
        #expect(single.message == "Created topic solo (1 partition, replication factor 1).")
        #expect(!created.isError)
        let produced = await WorkbenchAction.produce(ProduceRequest(topic: "orders", key: "k", value: "v", acks: .all,
                                                                    partitioning: .byKey)).perform(on: source)
        #expect(produced.receipt == ProduceReceipt(partition: 2, offset: 17))
        #expect(produced.message == "Wrote partition 2, offset 17.")
        let fireAndForget = await WorkbenchAction.produce(ProduceRequest(topic: "orders", key: nil, value: "v", acks: .none,
                                                                         partitioning: .sticky)).perform(on: source)
        #expect(fireAndForget.message == "Sent to partition 2 (acks=0: no offset reported).")
        _ = await WorkbenchAction.killBroker(1).perform(on: source)
        _ = await WorkbenchAction.resetOffsets(group: "g", topic: "orders", to: .earliest).perform(on: source)
        #expect(source.actions == ["create orders 3 2", "create solo 1 1", "produce orders k v", "produce orders - v", "kill 1", "reset g orders earliest"])
    }

    @Test func failuresBecomeOneReadableSentence() async {
        let source = FakeWorkbenchSource()
        source.failNext(with: WorkbenchError("Topic orders already exists."))
        let outcome = await WorkbenchAction.createTopic(name: "orders", partitions: 1, replicationFactor: 1).perform(on: source)
        #expect(outcome.isError)
        #expect(outcome.message == "Topic orders already exists.")
        let attached = await WorkbenchAction.killBroker(0).perform(on: AttachedSource())
        #expect(attached.message == WorkbenchError.faultsUnavailable.message)
    }

    @Test func outboxHandsOutcomesToTheLoopOnce() {
        let outbox = ActionOutbox()
        outbox.post(ActionOutcome(action: .heal, message: "ok", isError: false, receipt: nil))
        #expect(outbox.drain().count == 1)
        #expect(outbox.drain().isEmpty)
    }

    @Test func logLinesGoToTheBufferOrAFileNeverTheTerminal() throws {
        let buffer = LogBuffer(capacity: 2)
        var logger = Logger(label: "engine") { WorkbenchLogHandler(label: $0, destination: .buffer(buffer)) }
        logger[metadataKey: "broker"] = "1"
        logger.info("first")
        logger.warning("second")
        logger.error("third")
        #expect(buffer.contents.count == 2)
        #expect(buffer.contents[1].hasSuffix("ERROR engine: third broker=1"))
        let path = NSTemporaryDirectory() + "samsa-tui-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fileLogger = Logger(label: "tui") { WorkbenchLogHandler(label: $0, destination: .file(path: path)) }
        fileLogger.info("to the file")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("INFO tui: to the file"))
    }

    @Test func frameTimingRendersTheSyntheticCluster() {
        let snapshot = syntheticSnapshot()
        #expect(snapshot.topics.count == 200)
        #expect(snapshot.topics.reduce(0) { $0 + $1.partitions.count } == 1000)
        #expect(snapshot.groups.count == 50)
        let timing = measureFrameRendering(frames: 3, rows: 50, cols: 180)
        #expect(timing.frames == 3)
        #expect(timing.description.contains("3 frames of 180x50"))
    }

    @Test func keyMapHasNoConflictingKeysWithinAScope() {
        var seen: [String: Command] = [:]
        for binding in KeyMap.standard.bindings {
            for key in binding.keys {
                let id = "\(binding.scope)|\(key)"
                if let other = seen[id] { #expect(other == binding.command, "\(key.label) is bound twice in \(binding.scope)") }
                seen[id] = binding.command
            }
        }
        #expect(KeyMap.standard.command(for: .char("q"), in: .global) == .quit)
        #expect(KeyMap.standard.command(for: .enter, in: .pane(.producer)) == .send)
    }
}
