import Foundation
import Testing
@testable import SamsaTUI

@Suite struct PresentationTests {
    @Test func partitionRowsMarkLeaderFollowersOutOfSyncAndOffline() {
        let topic = Fixtures.orders()
        let healthy = PartitionRow(topic.partitions[0])
        #expect(healthy.replicas.map(\.role) == [.leader, .follower, .follower])
        #expect(healthy.isr == [0, 1, 2])
        #expect(!healthy.isUnderReplicated)

        let behind = PartitionRow(topic.partitions[1])
        #expect(behind.replicas.map(\.role) == [.leader, .outOfSync, .follower])
        #expect(behind.isr == [1, 0])
        #expect(behind.replicas[1].behind == 40)
        #expect(behind.replicas[1].fill == 0.5)
        #expect(behind.replicas[0].fill == 1)
        #expect(behind.isUnderReplicated)

        let offline = PartitionRow(Fixtures.offlineTopic.partitions[0])
        #expect(offline.leader == nil)
        #expect(offline.replicas.map(\.role) == [.offline])
    }

    @Test func anUnknownLogEndIsNotCountedAsBehind() {
        // A killed broker's replica (or a follower attach mode cannot see) reports -1.
        let partition = PartitionStatus(index: 0, leader: 1, leaderEpoch: 1, replicas: [
            ReplicaStatus(brokerId: 0, logEndOffset: -1, inSync: false, online: false),
            ReplicaStatus(brokerId: 1, logEndOffset: 5, inSync: true),
        ], highWatermark: 5)
        let row = PartitionRow(partition)
        #expect(row.replicas[0].behind == 0)
        #expect(!row.replicas[0].isLogEndKnown)
        let cell = PartitionRow.replicaSpans(row.replicas[0], barWidth: 2, glyphs: .unicode).map(\.text).joined()
        #expect(cell == "✕0·· ")
    }

    @Test func highWatermarkBarsFillInEighths() {
        let glyphs = Glyphs.unicode
        #expect(Bars.horizontal(1, width: 4, glyphs: glyphs) == ("████", ""))
        #expect(Bars.horizontal(0.5, width: 4, glyphs: glyphs) == ("██", "··"))
        #expect(Bars.horizontal(0.0625, width: 2, glyphs: glyphs) == ("▏", "·"))
        #expect(Bars.horizontal(0, width: 3, glyphs: glyphs) == ("", "···"))
        let cell = PartitionRow.replicaSpans(PartitionRow(Fixtures.orders().partitions[1]).replicas[1], barWidth: 4, glyphs: glyphs)
        #expect(cell.map(\.text).joined() == "◌2██··−40 ")
    }

    @Test func topicRowsSummariseHealth() {
        #expect(TopicRow(Fixtures.orders()).health == .underReplicated(1))
        #expect(TopicRow(Fixtures.offlineTopic).health == .offline(1))
        #expect(TopicRow(Fixtures.internalTopic).health == .healthy)
        #expect(TopicRow(Fixtures.orders()).records == 180)
        #expect(TopicRow(Fixtures.orders()).replicationFactor == 3)
    }

    @Test func groupRowsSumLagAndCountIdleMembers() {
        let row = GroupRow(Fixtures.billing(lag: 30))
        #expect(row.totalLag == 30)
        #expect(row.members == 2)
        #expect(row.idleMembers == 1)
        #expect(GroupRow.lagStyle(5000).foreground == .lagHigh)
        #expect(GroupRow.lagStyle(3).foreground == .lagLow)
        let members = GroupDetail.members(Fixtures.billing())
        #expect(members[0].partitions == "orders[0,1]")
        #expect(members[1].isIdle)
        #expect(members[1].partitions == "idle (no partitions)")
        let offsets = GroupDetail.offsets(Fixtures.billing(lag: 1234))
        #expect(offsets[0].lag == "1,234")
        #expect(offsets[2].committed == "-")
        #expect(offsets[2].lag == "-")
    }

    @Test func lagHistorySamplesAtMostOncePerIntervalIntoARing() {
        var history = LagHistory(capacity: 3, interval: 1)
        let start = Fixtures.time
        for (second, lag) in [(0.0, 10), (0.5, 99), (1.0, 20), (2.0, 30), (3.0, 40)] as [(Double, Int64)] {
            history.record(Fixtures.cluster(groups: [Fixtures.billing(lag: lag)]), at: start.addingTimeInterval(second))
        }
        #expect(Array(history.history(of: "billing")) == [20, 30, 40])
        history.record(Fixtures.cluster(groups: []), at: start.addingTimeInterval(5))
        #expect(history.history(of: "billing").isEmpty)
    }

    @Test func sparklinesScaleToTheirMaximum() {
        #expect(Bars.sparkline([0, 0, 0] as [Int64], width: 3, glyphs: .unicode) == "▁▁▁")
        #expect(Bars.sparkline([0, 50, 100] as [Int64], width: 3, glyphs: .unicode) == "▁▅█")
        #expect(Bars.sparkline([1, 2, 3, 4] as [Int64], width: 2, glyphs: .unicode) == "▆█")
    }

    @Test func formatsCountsAndClocks() {
        #expect(Format.count(Int64(1_234_567)) == "1,234,567")
        #expect(Format.count(Int64(-1000)) == "-1,000")
        #expect(Format.count(Int64(999)) == "999")
        #expect(Format.compact(1234) == "1.2k")
        #expect(Format.compact(5_600_000) == "5.6M")
        #expect(Format.clock(Date(timeIntervalSince1970: 3723.25), milliseconds: true, timeZone: TimeZone(identifier: "UTC")!) == "01:02:03.250")
    }

    @Test func headerShowsModeBrokersControllerAndHealth() {
        let embedded = ClusterHeader.spans(Fixtures.cluster(down: [2]), glyphs: .unicode).map(\.text).joined()
        #expect(embedded.contains("embedded"))
        #expect(embedded.contains("▲0♛"))
        #expect(embedded.contains("▼2 crashed"))
        #expect(embedded.contains("1 under-replicated"))
        #expect(embedded.contains("1 offline"))
        #expect(embedded.contains("3 topics, 5 partitions"))
        let single = ClusterHeader.spans(Fixtures.cluster(topics: [Fixtures.offlineTopic]), glyphs: .unicode)
        #expect(single.map(\.text).joined().contains("1 topic, 1 partition "))
        let attached = ClusterHeader.spans(Fixtures.cluster(mode: .attached(bootstrap: "kafka:9092")), glyphs: .unicode)
        #expect(attached.map(\.text).joined().contains("attached to kafka:9092"))
    }

    @Test func streamRowsShowKeysValuesAndEventKinds() {
        let record = Fixtures.record("orders", offset: 7, value: "첫 번째 이벤트", key: "user-1")
        let text = StreamRows.tail(record, glyphs: .unicode).map(\.text).joined()
        #expect(text.contains("orders-0@7"))
        #expect(text.contains("user-1 → 첫 번째 이벤트"))
        #expect(text.contains("workbench-group/member-1"))
        let event = StreamRows.event(ClusterEvent(time: Fixtures.time, kind: .brokerDown, text: "Broker 2 crashed"), glyphs: .unicode)
        #expect(event[1].style.foreground == .offline)
        #expect(event.map(\.text).joined().hasSuffix("down Broker 2 crashed"))
    }
}
