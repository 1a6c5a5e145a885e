import SamsaProtocol
import Foundation

/// A cluster for timing: `topics` topics sharing `partitions` partitions (replication factor 3 over
/// `brokers` brokers, some followers behind), `groups` groups with members and lag, a full tail and event log.
public func syntheticSnapshot(topics: Int = 200, partitions: Int = 1000, groups: Int = 50, brokers: Int = 3,
                              version: UInt64 = 1) -> WorkbenchSnapshot {
    let now = Date()
    let brokerList = (0..<brokers).map {
        BrokerStatus(id: Int32($0), host: "127.0.0.1", port: 9092 + $0, state: .up, isController: $0 == 0)
    }
    var topicList: [TopicStatus] = []
    for t in 0..<topics {
        let count = partitions / topics + (t < partitions % topics ? 1 : 0)
        let parts = (0..<count).map { p -> PartitionStatus in
            let hw = Int64((t * 7919 + p * 104_729) % 50_000) + Int64(version % 7)
            let leader = Int32((t + p) % brokers)
            let replicas = (0..<min(3, brokers)).map { r -> ReplicaStatus in
                let id = Int32((t + p + r) % brokers)
                let behind = (p + r) % 11 == 0 && id != leader
                return ReplicaStatus(brokerId: id, logEndOffset: behind ? hw - 120 : hw, inSync: !behind)
            }
            return PartitionStatus(index: Int32(p), leader: leader, leaderEpoch: Int32(p % 4), replicas: replicas,
                                   highWatermark: hw, logStartOffset: 0)
        }
        topicList.append(TopicStatus(name: String(format: "topic-%04d.events", t), partitions: parts))
    }
    let groupList = (0..<groups).map { g -> GroupStatus in
        let topic = topicList[g % topicList.count]
        let members = (0..<3).map { m in
            GroupMember(memberId: "consumer-\(g)-\(m)-5f1c", clientId: "client-\(m)", host: "/127.0.0.1",
                        assignment: topic.partitions.indices.filter { $0 % 3 == m }.map { TopicPartition(topic.name, Int32($0)) })
        }
        let offsets = topic.partitions.map {
            GroupPartitionOffset(topic: topic.name, partition: $0.index, committedOffset: max(0, $0.highWatermark - Int64(g * 37)),
                                 logEndOffset: $0.highWatermark)
        }
        return GroupStatus(id: String(format: "group-%03d", g), state: .stable, assignor: "range", generation: 3,
                           members: members, offsets: offsets)
    }
    let tail = (0..<300).map { i in
        TailRecord(topic: topicList[i % topicList.count].name, partition: Int32(i % 5), offset: Int64(i),
                   timestamp: now, key: i % 2 == 0 ? "user-\(i)" : nil, value: "{\"event\":\"click\",\"n\":\(i),\"이름\":\"삼사\"}",
                   consumer: "consumer-0-0-5f1c", group: "group-000")
    }
    let events = (0..<300).map { i in
        ClusterEvent(time: now, kind: ClusterEvent.Kind.allCases[i % ClusterEvent.Kind.allCases.count],
                     text: "Partition topic-\(i % 200)-\(i % 5): leader 1 elected at epoch \(i % 9)")
    }
    return WorkbenchSnapshot(version: version, clusterId: "synthetic-cluster", mode: .embedded, brokers: brokerList,
                             topics: topicList, groups: groupList, events: events, tail: tail)
}

/// Renders `frames` full frames of ``syntheticSnapshot`` onto a `rows`×`cols` memory canvas, alternating
/// between two snapshot versions and moving the selection each frame (so nothing is served from a cache
/// that a live session would miss), and reports the time per frame.
public func measureFrameRendering(frames: Int = 500, rows: Int = 50, cols: Int = 180, topics: Int = 200, partitions: Int = 1000,
                                  groups: Int = 50) -> FrameTiming {
    let snapshots = [1, 2].map { syntheticSnapshot(topics: topics, partitions: partitions, groups: groups, version: $0) }
    let canvas = MemoryCanvas(rows: rows, cols: cols)
    let workbench = Workbench(snapshot: snapshots[0], rows: rows, cols: cols, showTour: false)
    let focusCycle: [PaneID] = [.topics, .groups, .partitions]
    var samples: [Double] = []
    samples.reserveCapacity(frames)
    for frame in 0..<max(1, frames) {
        let start = DispatchTime.now().uptimeNanoseconds
        workbench.update(snapshots[frame % 2], now: Date())
        workbench.state.focus = focusCycle[frame % focusCycle.count]
        _ = workbench.handle(.down)
        FrameRenderer(workbench: workbench, canvas: canvas).render()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    let sorted = samples.sorted()
    return FrameTiming(frames: samples.count, rows: rows, cols: cols,
                       mean: samples.reduce(0, +) / Double(samples.count),
                       median: sorted[sorted.count / 2],
                       p99: sorted[min(sorted.count - 1, sorted.count * 99 / 100)],
                       max: sorted.last ?? 0)
}
