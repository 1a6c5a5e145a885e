import SamsaProtocol
import Foundation
@testable import SamsaTUI

/// Snapshots for tests: a three-broker cluster with a healthy topic, an under-replicated one, an
/// offline partition, and a group with an idle member.
enum Fixtures {
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    static func brokers(down: Set<Int32> = []) -> [BrokerStatus] {
        (0..<3).map { id in
            BrokerStatus(id: Int32(id), host: "127.0.0.1", port: 9092 + id,
                         state: down.contains(Int32(id)) ? .crashed : .up, isController: id == 0)
        }
    }

    /// `orders`: 3 partitions, RF 3; partition 1 has broker 2 behind and out of the ISR.
    static func orders(leaderOfZero: Int32 = 0, epochOfZero: Int32 = 0, highWatermark: Int64 = 100) -> TopicStatus {
        TopicStatus(name: "orders", partitions: [
            PartitionStatus(index: 0, leader: leaderOfZero, leaderEpoch: epochOfZero, replicas: [
                ReplicaStatus(brokerId: 0, logEndOffset: highWatermark, inSync: leaderOfZero == 0, online: leaderOfZero == 0),
                ReplicaStatus(brokerId: 1, logEndOffset: highWatermark, inSync: true),
                ReplicaStatus(brokerId: 2, logEndOffset: highWatermark, inSync: true),
            ], highWatermark: highWatermark),
            PartitionStatus(index: 1, leader: 1, leaderEpoch: 2, replicas: [
                ReplicaStatus(brokerId: 1, logEndOffset: 80, inSync: true),
                ReplicaStatus(brokerId: 2, logEndOffset: 40, inSync: false),
                ReplicaStatus(brokerId: 0, logEndOffset: 80, inSync: true),
            ], highWatermark: 80),
            PartitionStatus(index: 2, leader: 2, leaderEpoch: 0, replicas: [
                ReplicaStatus(brokerId: 2, logEndOffset: 0, inSync: true),
                ReplicaStatus(brokerId: 0, logEndOffset: 0, inSync: true),
                ReplicaStatus(brokerId: 1, logEndOffset: 0, inSync: true),
            ], highWatermark: 0),
        ])
    }

    static let offlineTopic = TopicStatus(name: "payments", partitions: [
        PartitionStatus(index: 0, leader: nil, leaderEpoch: 4, replicas: [
            ReplicaStatus(brokerId: 2, logEndOffset: 10, inSync: false, online: false),
        ], highWatermark: 10),
    ])

    static let internalTopic = TopicStatus(name: "__consumer_offsets", isInternal: true, partitions: [
        PartitionStatus(index: 0, leader: 0, leaderEpoch: 0, replicas: [ReplicaStatus(brokerId: 0, logEndOffset: 5, inSync: true)],
                        highWatermark: 5),
    ])

    /// `billing` reads orders with two members; the third partition's member is idle.
    static func billing(lag: Int64 = 30) -> GroupStatus {
        GroupStatus(id: "billing", state: .stable, assignor: "range", generation: 3, members: [
            GroupMember(memberId: "billing-1", clientId: "svc", host: "/10.0.0.1",
                        assignment: [TopicPartition("orders", 0), TopicPartition("orders", 1)]),
            GroupMember(memberId: "billing-2", clientId: "svc", host: "/10.0.0.2", assignment: []),
        ], offsets: [
            GroupPartitionOffset(topic: "orders", partition: 0, committedOffset: 100 - lag, logEndOffset: 100),
            GroupPartitionOffset(topic: "orders", partition: 1, committedOffset: 80, logEndOffset: 80),
            GroupPartitionOffset(topic: "orders", partition: 2, committedOffset: nil, logEndOffset: 0),
        ])
    }

    static func cluster(version: UInt64 = 1, mode: WorkbenchMode = .embedded, topics: [TopicStatus]? = nil,
                        groups: [GroupStatus]? = nil, tail: [TailRecord] = [], events: [ClusterEvent]? = nil,
                        consumers: [WorkbenchConsumer] = [], down: Set<Int32> = []) -> WorkbenchSnapshot {
        WorkbenchSnapshot(
            version: version, clusterId: "Xy12abCDef", mode: mode, brokers: brokers(down: down),
            topics: topics ?? [internalTopic, orders(), offlineTopic],
            groups: groups ?? [billing()],
            events: events ?? [ClusterEvent(time: time, kind: .leaderElected, text: "Broker 1 leads orders-1 at epoch 2")],
            tail: tail, consumers: consumers)
    }

    static func record(_ topic: String, offset: Int64, value: String, key: String? = nil) -> TailRecord {
        TailRecord(topic: topic, partition: 0, offset: offset, timestamp: time, key: key, value: value,
                   consumer: "member-1", group: "workbench-group")
    }

    /// A workbench on a memory canvas, drawn once.
    static func workbench(_ snapshot: WorkbenchSnapshot = cluster(), rows: Int = 40, cols: Int = 140,
                          showTour: Bool = false) -> (Workbench, MemoryCanvas) {
        let workbench = Workbench(snapshot: snapshot, rows: rows, cols: cols, themeNames: ["default", "light"],
                                  showTour: showTour, now: time)
        let canvas = MemoryCanvas(rows: rows, cols: cols)
        FrameRenderer(workbench: workbench, canvas: canvas).render()
        return (workbench, canvas)
    }

    static func draw(_ workbench: Workbench, on canvas: MemoryCanvas) {
        FrameRenderer(workbench: workbench, canvas: canvas).render()
    }
}

extension Workbench {
    /// Feeds keys one after another; returns every effect they asked for.
    @discardableResult
    func press(_ keys: Key...) -> [Workbench.Effect] {
        keys.flatMap { handle($0) }
    }

    @discardableResult
    func type(_ text: String) -> [Workbench.Effect] {
        text.flatMap { handle(.char($0)) }
    }
}
