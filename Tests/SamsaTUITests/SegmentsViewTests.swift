import Foundation
import NIOCore
import SamsaEngine
import SamsaProtocol
import SamsaStorage
import Testing
@testable import SamsaTUI

/// The segments overlay (`v` on a partition): what it asks the source for, how it shows the listing and
/// a segment's batches, attach mode's one sentence, and the embedded source reading real segment files.
@Suite struct SegmentsViewTests {
    func onPartition(_ snapshot: WorkbenchSnapshot = Fixtures.cluster()) -> (Workbench, MemoryCanvas) {
        let (workbench, canvas) = Fixtures.workbench(snapshot)
        workbench.state.selectedTopic = "orders"
        workbench.state.selectedPartition = 1
        workbench.state.focus = .partitions
        return (workbench, canvas)
    }

    static let summary: SegmentLogSummary = {
        var s = SegmentLogSummary(fileName: "00000000000000000000.log", baseOffset: 0, size: 4_321)
        s.batchCount = 12
        s.recordCount = 80
        s.firstOffset = 0
        s.lastOffset = 79
        s.firstTimestamp = 1_700_000_000_000
        s.maxTimestamp = 1_700_000_060_000
        return s
    }()

    static let corrupt: SegmentLogSummary = {
        var s = SegmentLogSummary(fileName: "00000000000000000080.log", baseOffset: 80, size: 150)
        s.batchCount = 2
        s.recordCount = 2
        s.firstOffset = 80
        s.lastOffset = 81
        s.firstTimestamp = 1_700_000_061_000
        s.maxTimestamp = 1_700_000_062_000
        s.corruptPositions = [75]
        s.problem = "9 invalid bytes at the end"
        return s
    }()

    @Test func vListsTheSegmentsAndEnterShowsBatchesAsDumpLog() {
        let (workbench, canvas) = onPartition()
        #expect(workbench.press(.char("v")) == [.perform(.listSegments(topic: "orders", partition: 1))])
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Segments of orders-1"))
        #expect(canvas.screen.contains("Reading the segment files of orders-1…"))

        var listed = ActionOutcome.success(.listSegments(topic: "orders", partition: 1), "2 segments")
        listed.segmentListing = SegmentListing(topic: "orders", partition: 1, broker: 1, directory: "/data/broker-1/orders-1",
                                               segments: [Self.summary, Self.corrupt])
        workbench.receive(listed)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Broker 1 (leader): /data/broker-1/orders-1"))
        #expect(canvas.screen.contains("2 segments, 4,471 bytes, 14 batches, 82 records"))
        #expect(canvas.screen.contains("0–79"))
        #expect(canvas.screen.contains("crc ok"))
        #expect(canvas.screen.contains("CORRUPT at 75; 9 invalid bytes at the end"))

        // Down to the second segment, Enter reads its batches.
        #expect(workbench.press(.char("j"), .enter) == [.perform(.dumpSegment(topic: "orders", partition: 1, baseOffset: 80, printData: false))])
        var dumped = ActionOutcome.success(.dumpSegment(topic: "orders", partition: 1, baseOffset: 80, printData: false), "ok")
        let lines = ["Log starting offset: 80"] + (0..<60).map { "baseOffset: \(80 + $0) lastOffset: \(80 + $0) count: 1 position: \($0 * 75) isvalid: true" }
        dumped.segmentBatches = SegmentBatches(fileName: "00000000000000000080.log", baseOffset: 80, printData: false, lines: lines)
        workbench.receive(dumped)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("00000000000000000080.log"))
        #expect(canvas.screen.contains("Log starting offset: 80"))
        #expect(canvas.screen.contains("lines 1–"))
        // Scrolling moves through the lines; p asks again with keys and payloads; Esc goes back to the list.
        workbench.press(.pageDown, .pageDown)
        Fixtures.draw(workbench, on: canvas)
        #expect(!canvas.screen.contains("Log starting offset: 80"))
        #expect(canvas.screen.contains("baseOffset: 139 lastOffset: 139"))
        #expect(workbench.press(.char("p")) == [.perform(.dumpSegment(topic: "orders", partition: 1, baseOffset: 80, printData: true))])
        workbench.press(.escape)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Broker 1 (leader)"))
        workbench.press(.escape)
        #expect(workbench.state.overlay == nil)
    }

    @Test func attachModeSaysWhyInOneSentence() async {
        let (workbench, _) = onPartition(Fixtures.cluster(mode: .attached(bootstrap: "kafka:9092")))
        #expect(workbench.press(.char("v")).isEmpty)
        #expect(workbench.state.status?.text == Workbench.segmentsNeedEmbedded)
        #expect(workbench.state.overlay == nil)
        // A source without files (attach, fakes) answers the action with the same sentence.
        let outcome = await WorkbenchAction.listSegments(topic: "orders", partition: 1).perform(on: FakeWorkbenchSource())
        #expect(outcome.isError)
        #expect(outcome.message == Workbench.segmentsNeedEmbedded)
    }

    @Test func anErrorIsShownInTheOverlay() {
        let (workbench, canvas) = onPartition()
        workbench.press(.char("v"))
        workbench.receive(ActionOutcome(action: .listSegments(topic: "orders", partition: 1),
                                        message: "Partition orders-1 has no leader or live replica whose files could be read.",
                                        isError: true, receipt: nil))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("has no leader or live replica"))
    }

    @Test func rowsAndWrapping() {
        let row = SegmentRows.row(Self.summary, timeZone: TimeZone(identifier: "UTC")!)
        #expect(row.hasPrefix("0           "))
        #expect(row.contains("4,321"))
        #expect(row.contains("22:13:20–22:14:20"))
        #expect(row.hasSuffix("crc ok"))
        let wrapped = SegmentRows.wrap([String(repeating: "word ", count: 30)], width: 40)
        #expect(wrapped.count > 1)
        #expect(wrapped.dropFirst().allSatisfy { $0.hasPrefix("    ") })
    }

    @Test func theEmbeddedSourceReadsTheLeadersSegmentFiles() async throws {
        let directory = NSTemporaryDirectory() + "samsa-tui-segments-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = try Cluster(config: ClusterConfig(dataDirectory: directory, ports: [1]))
        defer { cluster.shutdown() }
        _ = try cluster.createTopic(name: "seg", partitions: 1, replicationFactor: 1)
        let tp = TopicPartition("seg", 0)
        var builder = RecordBatchBuilder()
        builder.append(key: ByteBuffer(string: "k"), value: ByteBuffer(string: "hello"), timestamp: 1_000)
        builder.append(key: nil, value: ByteBuffer(string: "world"), timestamp: 1_001)
        let result = cluster.broker(0)!.produce(tp, records: builder.build(), in: cluster)
        #expect(result.error == .none)
        let source = try EmbeddedSource(cluster: cluster, bootstrap: "127.0.0.1:1")
        let listing = try await source.listSegments(topic: "seg", partition: 0)
        #expect(listing.broker == 0)
        #expect(listing.directory == directory + "/seg-0")
        #expect(listing.segments.count == 1)
        #expect(listing.segments[0].recordCount == 2)
        #expect(listing.segments[0].lastOffset == 1)
        let batches = try await source.dumpSegment(topic: "seg", partition: 0, baseOffset: 0, printData: true)
        #expect(batches.lines.first == "Log starting offset: 0")
        #expect(batches.lines.contains { $0.hasPrefix("baseOffset: 0 lastOffset: 1 count: 2 ") && $0.hasSuffix("isvalid: true") })
        #expect(batches.lines.contains("| offset: 0 CreateTime: 1000 keySize: 1 valueSize: 5 sequence: -1 headerKeys: [] key: k payload: hello"))
        await #expect(throws: WorkbenchError.self) { try await source.listSegments(topic: "nope", partition: 0) }
        await source.close()
    }
}
