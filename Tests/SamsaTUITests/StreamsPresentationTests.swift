import Foundation
import SamsaProtocol
import SamsaStreams
import Testing
@testable import SamsaTUI

/// The Streams view's pure presentation: topology graph, tasks, stores, restore bars, rates, and the
/// applications found through the group protocol.
@Suite struct StreamsPresentationTests {
    typealias Node = TopologyDescription.Node

    func text(_ lines: [[Span]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    @Test func theWordCountIsDrawnAsTwoChainsReadableIn60Columns() {
        let lines = text(TopologyGraph.lines(StreamsFixtures.wordCountTopology, glyphs: .unicode))
        #expect(lines == [
            "Sub-topology 0",
            "  KSTREAM-SOURCE-0000000000 ⇐ streams-plaintext-input",
            "  → KSTREAM-FLATMAPVALUES-0000000001",
            "  → KSTREAM-KEY-SELECT-0000000002",
            "  → KSTREAM-FILTER-0000000005",
            "  → KSTREAM-SINK-0000000004 ⇒ counts-store-repartition",
            "Sub-topology 1",
            "  KSTREAM-SOURCE-0000000006 ⇐ counts-store-repartition",
            "  → KSTREAM-AGGREGATE-0000000003 [counts-store]",
            "  → KTABLE-TOSTREAM-0000000007",
            "  → KSTREAM-SINK-0000000008 ⇒ streams-wordcount-output",
        ])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 })
    }

    /// A split into two branches that merge again: branches get tree lines, the merged node is drawn once.
    static let branching = TopologyDescription(subtopologies: [.init(id: 0, nodes: [
        Node(name: "S", kind: .source(topics: ["in"]), predecessors: [], successors: ["A"]),
        Node(name: "A", kind: .processor(stores: []), predecessors: ["S"], successors: ["B", "C"]),
        Node(name: "B", kind: .processor(stores: []), predecessors: ["A"], successors: ["D"]),
        Node(name: "C", kind: .processor(stores: ["seen"]), predecessors: ["A"], successors: ["D"]),
        Node(name: "D", kind: .processor(stores: []), predecessors: ["B", "C"], successors: ["K"]),
        Node(name: "K", kind: .sink(topic: "out"), predecessors: ["D"], successors: []),
    ])], globalStores: [])

    @Test func branchesGetTreeLinesAndAMergeIsDrawnOnce() {
        #expect(text(TopologyGraph.lines(Self.branching, glyphs: .unicode)) == [
            "Sub-topology 0",
            "  S ⇐ in",
            "  → A",
            "  ├→ B",
            "  │  → D",
            "  │  → K ⇒ out",
            "  └→ C [seen]",
            "     → D (drawn above)",
        ])
        #expect(text(TopologyGraph.lines(Self.branching, glyphs: .ascii)) == [
            "Sub-topology 0",
            "  S <= in",
            "  > A",
            "  +> B",
            "  |  > D",
            "  |  > K => out",
            "  `> C [seen]",
            "     > D (drawn above)",
        ])
    }

    @Test func globalStoresAreListedAfterTheSubtopologies() {
        let topology = TopologyDescription(subtopologies: [], globalStores: [.init(
            id: 0,
            source: Node(name: "KSTREAM-SOURCE-0000000001", kind: .source(topics: ["users"]), predecessors: [], successors: ["KTABLE-SOURCE-0000000002"]),
            processor: Node(name: "KTABLE-SOURCE-0000000002", kind: .processor(stores: ["users-store"]), predecessors: ["KSTREAM-SOURCE-0000000001"], successors: []))])
        #expect(text(TopologyGraph.lines(topology, glyphs: .unicode)) == [
            "Global store 0", "  KSTREAM-SOURCE-0000000001 ⇐ users", "  → KTABLE-SOURCE-0000000002 [users-store]",
        ])
    }

    @Test func aWorkbenchAppShowsStateRatesTasksAndStores() {
        let app = StreamsApplication(id: "streams-wordcount", local: StreamsFixtures.localApp(), group: nil, internalTopics: [])
        let lines = text(StreamsDetail.lines(app, glyphs: .unicode))
        #expect(lines[0] == "streams-wordcount  RUNNING  word count, at_least_once, started here")
        #expect(lines[1] == "  streams-plaintext-input → streams-wordcount-output")
        #expect(lines[2] == "  12.5 records/s · 1,234 processed · input lag 3 · dropped 0")
        #expect(lines.contains("Topology"))
        #expect(lines.contains("    → KSTREAM-AGGREGATE-0000000003 [counts-store]"))
        #expect(lines.contains("  0_0  streams-plaintext-input-0 (lag 3)  StreamThread-1  700 processed"))
        #expect(lines.contains("  1_0  streams-wordcount-counts-store-repartition-0 (lag 0)  StreamThread-1  234 processed"))
        #expect(lines.contains("  counts-store 1_0 · 42 keys: kafka 3 · streams 2"))
        #expect(StreamsDetail.listRow(app).map(\.text).joined() == "streams-wordcount  RUNNING  12.5/s  lag 3  started here")
    }

    @Test func droppedRecordsSayWhy() {
        let snapshot = StreamsFixtures.wordCount(dropped: [.lateRecord: 2, .nullKey: 0, .deserializationError: 1])
        let app = StreamsApplication(id: "streams-wordcount", local: StreamsFixtures.localApp(snapshot), group: nil, internalTopics: [])
        #expect(text(StreamsDetail.lines(app, glyphs: .unicode))[2]
                == "  12.5 records/s · 1,234 processed · input lag 3 · dropped 3 (late record 2, deserialization error 1)")
    }

    @Test func restoreProgressIsABarWithItsCounts() {
        let changelog = TopicPartition("streams-wordcount-counts-store-changelog", 0)
        let progress = StreamsSnapshot.RestoreProgress(store: "counts-store", changelog: changelog, restored: 450, total: 1000)
        // 45% of 12 cells is 5.4 cells: five full eighth-blocks and three eighths.
        #expect(StreamsDetail.restore(progress, glyphs: .unicode).map(\.text).joined()
                == "      restoring counts-store █████▍······ 45% 450/1,000 from streams-wordcount-counts-store-changelog-0")
        let done = StreamsSnapshot.RestoreProgress(store: "counts-store", changelog: changelog, restored: 1000, total: 1000)
        #expect(StreamsDetail.restore(done, glyphs: .ascii).map(\.text).joined()
                == "      restored counts-store ############ 100% 1,000/1,000 from streams-wordcount-counts-store-changelog-0")
        let snapshot = StreamsFixtures.wordCount(state: .rebalancing, restoring: [progress])
        let app = StreamsApplication(id: "streams-wordcount", local: StreamsFixtures.localApp(snapshot), group: nil, internalTopics: [])
        let lines = text(StreamsDetail.lines(app, glyphs: .unicode))
        let task = lines.firstIndex { $0.hasPrefix("  1_0") }!
        #expect(lines[task + 1].hasPrefix("      restoring counts-store █████▍"))
        #expect(lines[0].hasPrefix("streams-wordcount  REBALANCING"))
        // A store with nothing to restore (a new application) gets no bar.
        let empty = StreamsSnapshot.RestoreProgress(store: "counts-store", changelog: changelog, restored: 0, total: 0)
        let fresh = StreamsApplication(id: "streams-wordcount", local: StreamsFixtures.localApp(StreamsFixtures.wordCount(restoring: [empty])),
                                       group: nil, internalTopics: [])
        #expect(!text(StreamsDetail.lines(fresh, glyphs: .unicode)).contains { $0.contains("restor") })
    }

    @Test func anAppBeforeItsFirstSnapshotIsStarting() {
        let app = StreamsApplication(id: "streams-wordcount", local: StreamsFixtures.localApp(nil), group: nil, internalTopics: [])
        #expect(app.stateName == "STARTING")
        #expect(text(StreamsDetail.lines(app, glyphs: .unicode)).last == "  starting…")
    }

    @Test func groupsUsingTheStreamsAssignorAreApplicationsWithTheirInternalTopics() {
        let apps = StreamsApplication.all(in: StreamsFixtures.cluster())
        // billing uses "range": not a Streams app. clicks-app is found through its group; the word count runs here.
        #expect(apps.map(\.id) == ["clicks-app", "streams-wordcount"])
        let clicks = apps[0]
        #expect(clicks.local == nil)
        #expect(clicks.internalTopics.map(\.name) == ["clicks-app-agg-changelog", "clicks-app-agg-repartition"])
        // 15-10 + 0 + 7-5 on clicks, 5-4 on the repartition topic.
        #expect(clicks.lagByTopic.map(\.topic) == ["clicks", "clicks-app-agg-repartition"])
        #expect(clicks.lagByTopic.map(\.lag) == [7, 1])
        #expect(clicks.inputLag == 8)
        #expect(clicks.stateName == "Stable")
        #expect(StreamsApplication.taskGroups(StreamsFixtures.clicksGroup.members[0]).map(\.partition) == [0, 2])
        #expect(StreamsApplication.taskGroups(StreamsFixtures.clicksGroup.members[0]).map(\.topics)
                == [["clicks", "clicks-app-agg-repartition"], ["clicks", "clicks-app-agg-repartition"]])
    }

    @Test func anAppOnTheClusterShowsMembersPartitionsLagAndInternalTopics() {
        let clicks = StreamsApplication.all(in: StreamsFixtures.cluster())[0]
        let lines = text(StreamsDetail.lines(clicks, glyphs: .unicode))
        #expect(lines == [
            "clicks-app  Stable",
            "  seen through its consumer group (assignor \"stream\")",
            "Topology",
            "  topology not published by this client",
            "Members (group clicks-app, Stable)",
            "  clicks-app-11aa-StreamThread-1-consumer @ /10.0.0.7  2 partition groups",
            "    partition 0: clicks, clicks-app-agg-repartition",
            "    partition 2: clicks, clicks-app-agg-repartition",
            "  clicks-app-22bb-StreamThread-1-consumer @ /10.0.0.8  1 partition group",
            "    partition 1: clicks, clicks-app-agg-repartition",
            "  lag clicks 7  clicks-app-agg-repartition 1  ",
            "Internal topics",
            "  clicks-app-agg-changelog · 3 partitions · 0 records",
            "  clicks-app-agg-repartition · 3 partitions · 0 records",
        ])
        #expect(StreamsDetail.listRow(clicks).map(\.text).joined() == "clicks-app  Stable  lag 8  2 members  on the cluster")
    }

    @Test func storeEntriesAreSanitizedAndWideCharactersKeepTheirWidth() {
        let store = StreamsSnapshot.StoreInfo(name: "counts-store", task: TaskId(subtopology: 1, partition: 2), approximateCount: 1,
                                              topEntries: [(key: "카프카\u{1B}[2J", value: "7")])
        let line = StreamsDetail.store(store).map(\.text).joined()
        #expect(!line.contains("\u{1B}"))
        #expect(line.hasPrefix("  counts-store 1_2 · 1 key: 카프카"))
        let canvas = MemoryCanvas(rows: 1, cols: 30)
        canvas.put(StreamsDetail.store(store), row: 0, col: 0, width: 30)
        #expect(DisplayWidth.of(canvas.text(row: 0)) <= 30)
    }

    @Test func threadNamesDropTheProcessId() {
        #expect(StreamsDetail.threadName("streams-wordcount-6f1c2d3e-StreamThread-12") == "StreamThread-12")
        #expect(StreamsDetail.threadName("main") == "main")
    }
}
