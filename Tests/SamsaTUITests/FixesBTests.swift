import Foundation
import Logging
import SamsaEngine
import Testing
@testable import SamsaTUI

/// Issue 13's fixes 7–12, each checked where it would break.
@Suite struct FixesBTests {
    // 7. The controller badge follows the real controller.
    @Test func theControllerBadgeStaysWithTheElectedControllerAfterARestart() throws {
        let directory = NSTemporaryDirectory() + "samsa-badge-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let cluster = try Cluster(config: ClusterConfig(dataDirectory: directory, ports: [41100, 41101, 41102]), logger: logger)
        defer { cluster.shutdown() }
        #expect(EngineSnapshotMapping.brokers(cluster.snapshot()).filter(\.isController).map(\.id) == [0])
        try cluster.killBroker(0)
        #expect(EngineSnapshotMapping.brokers(cluster.snapshot()).filter(\.isController).map(\.id) == [1])
        try cluster.startBroker(0)
        let brokers = EngineSnapshotMapping.brokers(cluster.snapshot())
        #expect(brokers.filter(\.isController).map(\.id) == [1], "broker 0 came back but was not elected")
        let snapshot = WorkbenchSnapshot(version: 1, clusterId: "c", mode: .embedded, brokers: brokers)
        let header = ClusterHeader.spans(snapshot, glyphs: .unicode).map(\.text).joined()
        #expect(header.contains("▲1♛"))
        #expect(!header.contains("▲0♛"))
    }

    // 8. `/` then Enter then Esc clears the filter.
    @Test func escapeAfterEnterClearsTheKeptFilter() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("/"))
        workbench.type("pay")
        workbench.press(.enter)
        #expect(workbench.visibleIndexes(.topics) == [2], "Enter keeps the filter")
        workbench.press(.escape)
        #expect(workbench.state.filter(.topics).isEmpty)
        #expect(workbench.visibleIndexes(.topics) == [1, 2], "every user topic again (the internal one stays hidden)")
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Topics (2) · 1 internal hidden"))
        #expect(!canvas.screen.contains("/pay"))
    }

    @Test func escapeWithoutAFilterStillLeavesTheProducerInput() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("p"))
        #expect(workbench.state.focus == .producer)
        workbench.press(.escape)
        #expect(workbench.state.focus == .topics)
    }

    // 9. The tour's last step names the data directory actually used.
    @Test func theWipeStepNamesTheRealDataDirectoryInBothLanguages() {
        let steps = TourSteps.all(dataDirectory: "/var/tmp/my samsa")
        let wipe = steps.first { $0.id == "wipe" }!
        #expect(steps.map(\.id) == TourSteps.all.map(\.id))
        #expect(wipe.body.en.contains("rm -rf '/var/tmp/my samsa'"))
        #expect(wipe.body.ko.contains("rm -rf '/var/tmp/my samsa'"))
        for text in [wipe.body.en, wipe.body.ko] { #expect(!text.contains("/tmp/samsa-logs")) }
        let plain = TourSteps.all(dataDirectory: "/tmp/samsa-workbench").first { $0.id == "wipe" }!
        #expect(plain.body.en.contains("rm -rf /tmp/samsa-workbench "))
        let attached = TourSteps.all(dataDirectory: nil).first { $0.id == "wipe" }!
        #expect(!attached.body.en.contains("rm -rf"))
        #expect(attached.body.en.contains("log.dirs") && attached.body.ko.contains("log.dirs"))
        #expect(TourSteps.shellQuoted("it's") == #"'it'\''s'"#)
    }

    @Test func theWorkbenchTourShowsTheDirectoryItWasGiven() {
        let workbench = Workbench(snapshot: Fixtures.cluster(), rows: 40, cols: 140, showTour: true, now: Fixtures.time,
                                  dataDirectory: "/srv/kafka-play")
        #expect(workbench.tour.steps.first { $0.id == "wipe" }?.body.en.contains("rm -rf /srv/kafka-play ") == true)
    }

    // 10. Key-hash partitioning of a record without a key falls back to sticky.
    @Test func keyHashWithoutAKeySendsTheRecordForTheStickyPartitioner() throws {
        let input = ProducerInput(text: "no key", acks: .all, partitioning: .byKey)
        let request = try input.request(topic: "orders", partitionCount: 3).get()
        #expect(request == ProduceRequest(topic: "orders", key: nil, value: "no key", acks: .all, partitioning: .byKey))
        let (workbench, _) = Fixtures.workbench()
        workbench.state.selectedTopic = "orders"
        workbench.press(.char("p"), .ctrl("p"))
        #expect(workbench.state.producer.partitioning == .byKey)
        workbench.type("plain value")
        let effects = workbench.press(.enter)
        #expect(effects == [.perform(.produce(ProduceRequest(topic: "orders", key: nil, value: "plain value", acks: .leader,
                                                             partitioning: .byKey)))])
        #expect(workbench.state.producer.lastResult?.isError != true)
    }

    // 11. Offline replicas look the same everywhere.
    @Test func offlineIsOneGlyphAndOneStyleEverywhere() {
        // orders-0 lost broker 0 (a replica offline, leader moved); payments-0 has no leader at all.
        let snapshot = Fixtures.cluster(topics: [Fixtures.internalTopic, Fixtures.orders(leaderOfZero: 1), Fixtures.offlineTopic],
                                        down: [0])
        let (workbench, canvas) = Fixtures.workbench(snapshot)
        workbench.state.selectedTopic = "orders"
        workbench.state.selectedPartition = 0
        workbench.state.focus = .partitions  // the replica detail of orders-0 shows below the table
        Fixtures.draw(workbench, on: canvas)
        var marks: [Style] = []
        for row in 1..<(canvas.rows - 2) {
            for col in 0..<canvas.cols where canvas.cell(row: row, col: col).character == "✕" {
                marks.append(canvas.cell(row: row, col: col).style)
            }
        }
        #expect(marks.count >= 3, "table cell, detail line and legend")
        #expect(Set(marks) == [OfflineMark.style])
        let screen = canvas.screen
        #expect(screen.contains("✕ broker 0  offline"))
        // The offline replica's id is drawn like its mark, and it gets no "behind" count or filled bar.
        let replica = PartitionRow(Fixtures.orders(leaderOfZero: 1).partitions[0]).replicas[0]
        let cell = PartitionRow.replicaSpans(replica, barWidth: 4, glyphs: .unicode)
        #expect(cell.map(\.text).joined() == "✕0···· ")
        #expect(cell[1].style == OfflineMark.style)
        // The topics pane and a partition without a leader use the same mark.
        workbench.state.selectedTopic = "payments"
        workbench.state.focus = .topics
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("✕ none"))
        #expect(TopicRow(Fixtures.offlineTopic).cells(glyphs: .unicode).health == Span("✕1", OfflineMark.style))
    }

    // 12. The help overlay leaves nothing of the status line behind at 80×24.
    @Test func theHelpOverlayBlanksTheStatusLineItCovers() {
        let (workbench, canvas) = Fixtures.workbench(rows: 24, cols: 80)
        workbench.press(.char("T"))  // a status message on the left, the theme on the right
        Fixtures.draw(workbench, on: canvas)
        let status = workbench.layout.status.row
        #expect(canvas.text(row: status).contains("Theme: light"))
        workbench.press(.char("?"))
        Fixtures.draw(workbench, on: canvas)
        let line = canvas.text(row: status)
        #expect(line.contains("Keys") || line.contains("─") || line.contains("└"), "the help box reaches the status row")
        for col in 0..<canvas.cols {
            let cell = canvas.cell(row: status, col: col)
            let insideBox = cell.style.background == .overlayBg || "─└┘│".contains(cell.character)
            #expect(insideBox || cell.character == " ", "column \(col) shows \(cell.character) of the status line")
        }
    }
}
