import Foundation
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaTUI

/// Issue 13's fixes 1, 3, 5 and 6 as drawn: the bootstrap address in the header, one event line per cause,
/// what always fits at 80×24, and an attached cluster that stops answering.
@Suite struct FixesAPresentationTests {
    func header(_ snapshot: WorkbenchSnapshot, width: Int = 200) -> String {
        ClusterHeader.spans(snapshot, glyphs: .unicode, width: width).map(\.text).joined()
    }

    // MARK: 1. the bootstrap address

    @Test func embeddedHeaderShowsTheBrokersRealAddressWithConsecutivePortsFolded() {
        #expect(header(Fixtures.cluster()).contains("embedded 127.0.0.1:9092-9094 "))
        let gaps = [9092, 9093, 9095].enumerated().map { index, port in
            BrokerStatus(id: Int32(index), host: "127.0.0.1", port: port, state: .up, isController: index == 0)
        }
        #expect(BootstrapAddress.text(gaps) == "127.0.0.1:9092-9093,9095")
        let hosts = [BrokerStatus(id: 1, host: "b", port: 9092, state: .up, isController: false),
                     BrokerStatus(id: 0, host: "a", port: 9092, state: .up, isController: true)]
        #expect(BootstrapAddress.text(hosts) == "a:9092,b:9092")
        // Attached, the header names what was given, as before.
        #expect(header(Fixtures.cluster(mode: .attached(bootstrap: "kafka:9092"))).contains("attached to kafka:9092"))
    }

    // MARK: 5. 80×24

    @Test func atEightyColumnsTheHeaderKeepsTheHealthCountsAndDropsTheClusterIdFirst() {
        let snapshot = Fixtures.cluster(down: [2])
        let line = header(snapshot, width: 80)
        #expect(DisplayWidth.of(line) <= 80)
        #expect(line.contains("1 under-replicated"))
        #expect(line.contains("1 offline"))
        #expect(line.contains("127.0.0.1:9092-9094"))
        #expect(!line.contains("cluster Xy12"))
        // With room, nothing is left out.
        let wide = header(snapshot)
        #expect(wide.contains("cluster Xy12abCD") && wide.contains("3 topics, 5 partitions") && wide.contains("▼2 crashed"))
        // A long attach list is shortened before the health counts go.
        let attached = Fixtures.cluster(mode: .attached(bootstrap: "kafka-broker-1.example.com:9092,kafka-broker-2.example.com:9092"), down: [2])
        let narrow = header(attached, width: 80)
        #expect(narrow.contains("1 under-replicated") && narrow.contains("1 offline"))
    }

    @Test func atEightyByTwentyFourEveryPanesFooterEndsWithHelpAndQuit() {
        for showTour in [false, true] {
            let (workbench, canvas) = Fixtures.workbench(rows: 24, cols: 80, showTour: showTour)
            for pane in workbench.layout.focusOrder {
                workbench.state.focus = pane
                Fixtures.draw(workbench, on: canvas)
                let footer = canvas.text(row: 23)
                // In the producer input q is typed, so there the footer never offered it.
                #expect(pane == .producer || footer.contains("q quit"), "footer of \(pane) with tour \(showTour): \(footer)")
                #expect(footer.contains("help"), "footer of \(pane): \(footer)")
                let header = canvas.text(row: 0)
                #expect(header.contains("1 under-replicated") && header.contains("1 offline"), "\(header)")
            }
            // The focused pane's own keys come first.
            workbench.state.focus = .topics
            Fixtures.draw(workbench, on: canvas)
            #expect(canvas.text(row: 23).hasPrefix(" c create  d delete  a internal"))
        }
    }

    @Test func groupNamesAreCutWithAnEllipsisAfterTheLagIsPlaced() throws {
        let long = GroupStatus(id: "settlement-reconciliation-nightly", state: .stable, members: [], offsets: [
            GroupPartitionOffset(topic: "orders", partition: 0, committedOffset: 58, logEndOffset: 100),
        ])
        for showTour in [false, true] {
            let (_, canvas) = Fixtures.workbench(Fixtures.cluster(groups: [long]), rows: 24, cols: 80, showTour: showTour)
            let found = (0..<24).map { canvas.text(row: $0) }.first { $0.contains("│settl") }
            guard let row = found else {
                Issue.record("no group row:\n\(canvas.screen)")
                continue
            }
            #expect(row.contains("…"), "\(row)")
            #expect(row.range(of: #"…\s.*\b42\b"#, options: .regularExpression) != nil, "lag 42 after the cut name: \(row)")
        }
        // Columns: the lag always, then members and state while the name keeps 6 columns.
        let narrow = GroupColumns(width: 20, longestName: 30)
        #expect(narrow.lag == 7 && narrow.members && !narrow.state && !narrow.spark && narrow.name == 8)
        let tiny = GroupColumns(width: 9, longestName: 30)
        #expect(tiny.lag == 7 && tiny.name == 1 && !tiny.members)
        let roomy = GroupColumns(width: 60, longestName: 10)
        #expect(roomy.members && roomy.state && roomy.spark && roomy.name == 60 - 8 - 4 - 11 - 9)
    }

    // MARK: 6. attach mode, not answering

    @Test func aSilentClusterShowsUnknownBrokersAndSinceWhenThenAReconnectedEvent() throws {
        let lastRead = Date(timeIntervalSince1970: 1_700_000_000)
        var reachability = AttachReachability()
        let first = reachability.answered(build: 1, at: lastRead, bootstrap: "kafka:9092")
        #expect(first == nil && reachability.notAnswering == nil)
        let failed = reachability.failed(build: 2, at: lastRead + 3, reason: "Connection refused.")
        let failedAgain = reachability.failed(build: 3, at: lastRead + 6, reason: "Connection refused again.")
        #expect(failed && failedAgain)
        let silent = try #require(reachability.notAnswering)
        #expect(silent.since == lastRead && silent.failingSince == lastRead + 3 && silent.reason == "Connection refused again.")

        let snapshot = WorkbenchSnapshot(version: 2, clusterId: "Xy12abCDef", mode: .attached(bootstrap: "kafka:9092"),
                                         brokers: Fixtures.brokers(), topics: [Fixtures.orders()], notAnswering: silent)
        let line = header(snapshot)
        #expect(line.contains("brokers ?0 ?1 ?2 "))
        #expect(!line.contains("▲") && !line.contains("♛"))
        #expect(line.contains("not answering since \(Format.clock(lastRead))"))
        #expect(header(snapshot, width: 80).contains("not answering since"))

        // A failure that finishes after a later read succeeded is old news.
        let reconnected = reachability.answered(build: 5, at: lastRead + 42, bootstrap: "kafka:9092")
        let back = try #require(reconnected)
        #expect(back.text == "Reconnected to kafka:9092 after not answering since \(Format.clock(lastRead))")
        let late = reachability.failed(build: 4, at: lastRead + 43, reason: "late")
        #expect(!late && reachability.notAnswering == nil)
        let again = reachability.answered(build: 6, at: lastRead + 44, bootstrap: "kafka:9092")
        #expect(again == nil)
    }

    @Test func attachingToNothingSaysNotAnsweringInTheSnapshot() async throws {
        let source = try AttachSource(bootstrap: "127.0.0.1:1")
        await source.poll()
        let snapshot = source.snapshot()
        #expect(snapshot.notAnswering != nil && snapshot.notAnswering?.lastGoodRead == nil)
        #expect(snapshot.events.contains { $0.text.hasPrefix("Cannot read the cluster at 127.0.0.1:1") })
        await source.close()
    }
}
