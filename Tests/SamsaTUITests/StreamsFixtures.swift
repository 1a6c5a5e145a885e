import Foundation
import SamsaProtocol
import SamsaStreams
@testable import SamsaTUI

/// Kafka's WordCountDemo as its `describe()` prints it (docs/streams/tutorial.html), a snapshot of it
/// running two tasks per sub-topology, and a Streams group as DescribeGroups shows one.
enum StreamsFixtures {
    typealias Node = TopologyDescription.Node

    static let wordCountTopology = TopologyDescription(subtopologies: [
        .init(id: 0, nodes: [
            Node(name: "KSTREAM-SOURCE-0000000000", kind: .source(topics: ["streams-plaintext-input"]), predecessors: [],
                 successors: ["KSTREAM-FLATMAPVALUES-0000000001"]),
            Node(name: "KSTREAM-FLATMAPVALUES-0000000001", kind: .processor(stores: []), predecessors: ["KSTREAM-SOURCE-0000000000"],
                 successors: ["KSTREAM-KEY-SELECT-0000000002"]),
            Node(name: "KSTREAM-KEY-SELECT-0000000002", kind: .processor(stores: []), predecessors: ["KSTREAM-FLATMAPVALUES-0000000001"],
                 successors: ["KSTREAM-FILTER-0000000005"]),
            Node(name: "KSTREAM-FILTER-0000000005", kind: .processor(stores: []), predecessors: ["KSTREAM-KEY-SELECT-0000000002"],
                 successors: ["KSTREAM-SINK-0000000004"]),
            Node(name: "KSTREAM-SINK-0000000004", kind: .sink(topic: "counts-store-repartition"), predecessors: ["KSTREAM-FILTER-0000000005"],
                 successors: []),
        ]),
        .init(id: 1, nodes: [
            Node(name: "KSTREAM-SOURCE-0000000006", kind: .source(topics: ["counts-store-repartition"]), predecessors: [],
                 successors: ["KSTREAM-AGGREGATE-0000000003"]),
            Node(name: "KSTREAM-AGGREGATE-0000000003", kind: .processor(stores: ["counts-store"]), predecessors: ["KSTREAM-SOURCE-0000000006"],
                 successors: ["KTABLE-TOSTREAM-0000000007"]),
            Node(name: "KTABLE-TOSTREAM-0000000007", kind: .processor(stores: []), predecessors: ["KSTREAM-AGGREGATE-0000000003"],
                 successors: ["KSTREAM-SINK-0000000008"]),
            Node(name: "KSTREAM-SINK-0000000008", kind: .sink(topic: "streams-wordcount-output"), predecessors: ["KTABLE-TOSTREAM-0000000007"],
                 successors: []),
        ]),
    ], globalStores: [])

    static let thread = "streams-wordcount-6f1c2d3e-StreamThread-1"

    static func wordCount(state: StreamsSnapshot.State = .running, processed: Int64 = 1234, restoring: [StreamsSnapshot.RestoreProgress] = [],
                          dropped: [DroppedRecordReason: Int64] = [:]) -> StreamsSnapshot {
        let input0 = TopicPartition("streams-plaintext-input", 0), input1 = TopicPartition("streams-plaintext-input", 1)
        let repartition0 = TopicPartition("streams-wordcount-counts-store-repartition", 0)
        return StreamsSnapshot(
            applicationId: "streams-wordcount", state: state, topology: wordCountTopology,
            tasks: [
                .init(id: TaskId(subtopology: 0, partition: 0), partitions: [input0], thread: thread, processed: 700, restoring: []),
                .init(id: TaskId(subtopology: 0, partition: 1), partitions: [input1], thread: thread, processed: 300, restoring: []),
                .init(id: TaskId(subtopology: 1, partition: 0), partitions: [repartition0], thread: thread, processed: 234, restoring: restoring),
            ],
            stores: [.init(name: "counts-store", task: TaskId(subtopology: 1, partition: 0), approximateCount: 42,
                           topEntries: [(key: "kafka", value: "3"), (key: "streams", value: "2")])],
            processedTotal: processed, processedPerSecond: 12.5, dropped: dropped,
            inputLag: [input0: 3, input1: 0, repartition0: 0])
    }

    static func localApp(_ snapshot: StreamsSnapshot? = wordCount(), lastProgress: Date? = nil) -> WorkbenchStreamsApp {
        WorkbenchStreamsApp(launch: StreamsDemo.wordCount.defaultLaunch, snapshot: snapshot, lastProgress: lastProgress)
    }

    /// `clicks-app`, run elsewhere: two members of a group using the Streams assignor, each owning the
    /// partitions of its tasks over the input and the repartition topic.
    static let clicksGroup = GroupStatus(id: "clicks-app", state: .stable, assignor: "stream", generation: 4, members: [
        GroupMember(memberId: "m1", clientId: "clicks-app-11aa-StreamThread-1-consumer", host: "/10.0.0.7",
                    assignment: [TopicPartition("clicks", 0), TopicPartition("clicks-app-agg-repartition", 0),
                                 TopicPartition("clicks", 2), TopicPartition("clicks-app-agg-repartition", 2)]),
        GroupMember(memberId: "m2", clientId: "clicks-app-22bb-StreamThread-1-consumer", host: "/10.0.0.8",
                    assignment: [TopicPartition("clicks", 1), TopicPartition("clicks-app-agg-repartition", 1)]),
    ], offsets: [
        GroupPartitionOffset(topic: "clicks", partition: 0, committedOffset: 10, logEndOffset: 15),
        GroupPartitionOffset(topic: "clicks", partition: 1, committedOffset: 20, logEndOffset: 20),
        GroupPartitionOffset(topic: "clicks", partition: 2, committedOffset: 5, logEndOffset: 7),
        GroupPartitionOffset(topic: "clicks-app-agg-repartition", partition: 0, committedOffset: 4, logEndOffset: 5),
    ])

    static func topic(_ name: String, partitions: Int, records: Int64 = 0) -> TopicStatus {
        TopicStatus(name: name, partitions: (0..<partitions).map { index in
            PartitionStatus(index: Int32(index), leader: 0, leaderEpoch: 0,
                            replicas: [ReplicaStatus(brokerId: 0, logEndOffset: records, inSync: true)], highWatermark: records)
        })
    }

    /// The cluster fixture with the clicks app's group and topics, and the word count started here.
    static func cluster(version: UInt64 = 1, local: [WorkbenchStreamsApp] = [localApp()], events: [ClusterEvent]? = nil) -> WorkbenchSnapshot {
        let base = Fixtures.cluster(version: version, topics: [
            Fixtures.internalTopic, topic("clicks", partitions: 3, records: 42),
            topic("clicks-app-agg-changelog", partitions: 3), topic("clicks-app-agg-repartition", partitions: 3),
            topic("clicks-apps-archive", partitions: 1), Fixtures.orders(), topic("streams-plaintext-input", partitions: 2),
        ], groups: [Fixtures.billing(), clicksGroup], events: events)
        return WorkbenchSnapshot(version: base.version, clusterId: base.clusterId, mode: base.mode, brokers: base.brokers, topics: base.topics,
                                 groups: base.groups, events: base.events, tail: base.tail, consumers: base.consumers, streams: local)
    }
}

extension WorkbenchSnapshot {
    /// The same snapshot with `streams` as the apps started here.
    func with(streams: [WorkbenchStreamsApp], version: UInt64? = nil) -> WorkbenchSnapshot {
        WorkbenchSnapshot(version: version ?? self.version, clusterId: clusterId, mode: mode, brokers: brokers, topics: topics,
                          groups: groups, events: events, tail: tail, consumers: consumers, transactions: transactions, streams: streams)
    }
}
