import Foundation
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaTUI

/// Issue 13's fix 3: the event log tells one line per cause, with counts and the internal share, and the
/// user's own topics stay visible.
@Suite struct FixesAEventTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func grew(_ topic: String, _ partition: Int32, at seconds: Double, isInternal: Bool = false) -> SamsaTUI.ClusterEvent {
        SamsaTUI.ClusterEvent(time: start + seconds, kind: .isrExpanded, text: "In-sync replicas of \(topic)-\(partition) grew to [0, 1, 2]",
                              partitionChange: PartitionChange(.inSyncGrew(to: 3), topic: topic, isInternal: isInternal, partitions: [partition]))
    }

    @Test func aBrokerRestartIsOneLinePerCauseWithCountsAndTheUsersPartitionsNamed() {
        var events = (0..<50).map { grew("__consumer_offsets", Int32($0), at: Double($0) * 0.05, isInternal: true) }
        events += [grew("orders", 0, at: 1), grew("orders", 2, at: 1.1), grew("orders", 1, at: 1.2), grew("payments", 0, at: 2)]
        events.insert(SamsaTUI.ClusterEvent(time: start + 0.5, kind: .brokerUp, text: "Broker 0 started"), at: 10)
        let lines = EventDigest.fold(events.sorted { $0.time < $1.time })
        #expect(lines.map(\.text) == ["ISR of 54 partitions (50 internal) grew back to 3: orders-0, orders-1, orders-2, payments-0", "Broker 0 started"])
        #expect(lines[0].time == start && lines[0].kind == .isrExpanded)
    }

    @Test func causesApartInTimeOrKindStaySeparateAndALoneChangeKeepsItsOwnWords() {
        let shrank = SamsaTUI.ClusterEvent(time: start + 0.2, kind: .isrShrunk, text: "In-sync replicas of orders-0 shrank to [1, 2]",
                                           partitionChange: PartitionChange(.inSyncShrank(to: 2), topic: "orders", isInternal: false, partitions: [0]))
        let led = (0..<3).map { partition in
            SamsaTUI.ClusterEvent(time: start + 0.1, kind: .leaderElected, text: "Broker 1 is now leader of orders-\(partition)",
                                  partitionChange: PartitionChange(.leader(1), topic: "orders", isInternal: false, partitions: [Int32(partition)]))
        }
        let lines = EventDigest.fold([grew("orders", 0, at: 0)] + led + [shrank, grew("orders", 1, at: 30)])
        #expect(lines.map(\.text) == [
            "In-sync replicas of orders-0 grew to [0, 1, 2]",
            "Broker 1 is now leader of 3 partitions: orders-0, orders-1, orders-2",
            "In-sync replicas of orders-0 shrank to [1, 2]",
            "In-sync replicas of orders-1 grew to [0, 1, 2]",
        ])
        // Past six user partitions they are given as ranges per topic.
        let many = (0..<10).map { grew("clicks", Int32($0), at: 0.1) } + (0..<2).map { grew("views", Int32($0), at: 0.2) }
        #expect(EventDigest.fold(many).map(\.text) == ["ISR of 12 partitions grew back to 3: clicks 0-9, views 0-1"])
        // An internal topic's summary counts its partitions without naming them.
        let summary = SamsaTUI.ClusterEvent(time: start, kind: .leaderElected, text: "Broker 2 is now leader of 17 partition(s) of __consumer_offsets",
                                            partitionChange: PartitionChange(.leader(2), topic: "__consumer_offsets", isInternal: true, partitions: [], count: 17))
        let offline = SamsaTUI.ClusterEvent(time: start + 1, kind: .leaderElected, text: "__transaction_state summary",
                                            partitionChange: PartitionChange(.leader(2), topic: "__transaction_state", isInternal: true, partitions: [], count: 3))
        #expect(EventDigest.fold([summary, offline]).map(\.text) == ["Broker 2 is now leader of 20 internal partitions"])
    }

    /// The engine's own events, as the embedded workbench reads them: a flood of internal ISR changes is folded
    /// before the event log keeps its newest lines, so the user's topic creation is still there.
    @Test func theEnginesEventsFoldBeforeTheLogKeepsItsNewestLines() {
        let log = ClusterEvents(capacity: 2000)
        let now: Int64 = 1_700_000_000_000
        log.record(.topicCreated, nil, "Topic orders created: 3 partition(s), replication factor 3", now: now)
        for partition in 0..<400 {
            let tp = TopicPartition("__consumer_offsets", Int32(partition % 50))
            log.record(.isrExpanded, nil, changed: ChangedPartitions(topic: tp.topic, count: 1, inSyncReplicaCount: 3),
                       "In-sync replicas of 1 partition(s) of __consumer_offsets grew to 3", now: now + Int64(partition))
        }
        for partition in 0..<3 {
            let tp = TopicPartition("orders", Int32(partition))
            log.record(.isrExpanded, tp, changed: ChangedPartitions(topic: "orders", count: 1, inSyncReplicaCount: 3),
                       "In-sync replicas of \(tp) grew to [0, 1, 2] ([0] caught up)", now: now + 500)
        }
        let lines = EngineSnapshotMapping.recentEvents(log.since(), limit: 300).map(\.text)
        #expect(lines == ["Topic orders created: 3 partition(s), replication factor 3",
                          "ISR of 403 partitions (400 internal) grew back to 3: orders-0, orders-1, orders-2"])
    }

    /// A config change keeps its own line (never folded into a partition cause) with its own label.
    @Test func aConfigChangeIsItsOwnEventLine() throws {
        let log = ClusterEvents(capacity: 100)
        let now: Int64 = 1_700_000_000_000
        log.record(.isrExpanded, TopicPartition("orders", 0), changed: ChangedPartitions(topic: "orders", count: 1, inSyncReplicaCount: 3),
                   "In-sync replicas of orders-0 grew to [0, 1, 2]", now: now)
        log.record(.configChanged, nil, "Topic orders config changed: retention.ms=1000 (was 604800000)", now: now + 1)
        log.record(.isrExpanded, TopicPartition("orders", 1), changed: ChangedPartitions(topic: "orders", count: 1, inSyncReplicaCount: 3),
                   "In-sync replicas of orders-1 grew to [0, 1, 2]", now: now + 2)
        let events = EngineSnapshotMapping.recentEvents(log.since(), limit: 10)
        let change = try #require(events.first { $0.kind == .configChanged })
        #expect(change.text == "Topic orders config changed: retention.ms=1000 (was 604800000)")
        #expect(events.count == 2, "the two ISR changes fold into one line, the config change stays its own")
        let spans = StreamRows.event(change, glyphs: .unicode)
        #expect(spans.map(\.text).joined().contains("config Topic orders config changed: retention.ms=1000 (was 604800000)"))
    }
}
