import Foundation
import SamsaProtocol
import SamsaStreams
import Testing
@testable import SamsaTUI

/// A SamsaStreams app seen only through its group: the topology from a member's subscription user data,
/// the task ids from its assignment user data, and the fallback for user data that is not SamsaStreams' JSON.
@Suite struct StreamsGroupUserDataTests {
    func text(_ lines: [[Span]]) -> [String] { lines.map { $0.map(\.text).joined() } }

    func json<T: Encodable>(_ value: T) throws -> [UInt8] { Array(try JSONEncoder().encode(value)) }

    /// `outside-wc` run elsewhere by SamsaStreams: one member with tasks 0_1 and 1_0 and one with 0_0.
    func outsideGroup(publishing: Bool = true) throws -> GroupStatus {
        let subscription = StreamsSubscriptionInfo(processId: "p1", tasksWithState: ["1_0"], applicationId: "outside-wc",
                                                   topology: publishing ? StreamsFixtures.wordCountTopology : nil)
        return GroupStatus(id: "outside-wc", state: .stable, assignor: "stream", generation: 2, members: [
            GroupMember(memberId: "m1", clientId: "outside-wc-aa-StreamThread-1-consumer", host: "/127.0.0.1",
                        assignment: [TopicPartition("streams-plaintext-input", 1), TopicPartition("outside-wc-counts-store-repartition", 0)],
                        subscriptionUserData: try json(subscription),
                        assignmentUserData: try json(StreamsAssignmentInfo(activeTasks: ["1_0", "0_1"]))),
            GroupMember(memberId: "m2", clientId: "outside-wc-bb-StreamThread-1-consumer", host: "/127.0.0.2",
                        assignment: [TopicPartition("streams-plaintext-input", 0)],
                        subscriptionUserData: try json(subscription),
                        assignmentUserData: try json(StreamsAssignmentInfo(activeTasks: ["0_0"]))),
        ], offsets: [])
    }

    @Test func theSubscriptionCarriesTheTopologyAndOlderInfoStillDecodes() throws {
        let info = StreamsSubscriptionInfo(processId: "p", tasksWithState: ["1_0"], applicationId: "app", topology: StreamsFixtures.wordCountTopology)
        #expect(StreamsSubscriptionInfo.decode(try json(info)) == info)
        // A member before the topology was published sent only these two fields.
        let old = StreamsSubscriptionInfo.decode(Array(#"{"processId":"q","tasksWithState":["0_2"]}"#.utf8))
        #expect(old == StreamsSubscriptionInfo(processId: "q", tasksWithState: ["0_2"]))
        #expect(old?.topology == nil)
        // Small enough for JoinGroup metadata.
        #expect(try json(info).count < 4096)
    }

    @Test func aPublishingAppShowsItsTopologyAndRealTaskIds() throws {
        let app = StreamsApplication(id: "outside-wc", local: nil, group: try outsideGroup(), internalTopics: [])
        #expect(app.publishedTopology == StreamsFixtures.wordCountTopology)
        #expect(app.members.map(\.tasks) == [[TaskId(subtopology: 0, partition: 1), TaskId(subtopology: 1, partition: 0)],
                                             [TaskId(subtopology: 0, partition: 0)]])
        let lines = text(StreamsDetail.lines(app, glyphs: .unicode))
        #expect(Array(lines.prefix(4)) == ["outside-wc  Stable", "  seen through its consumer group (assignor \"stream\")",
                                           "Topology", "  Sub-topology 0"])
        #expect(lines.contains("    → KSTREAM-AGGREGATE-0000000003 [counts-store]"))
        #expect(Array(lines.suffix(6)) == [
            "Members (group outside-wc, Stable)",
            "  outside-wc-aa-StreamThread-1-consumer @ /127.0.0.1  2 tasks",
            "    0_1: streams-plaintext-input-1",
            "    1_0: outside-wc-counts-store-repartition-0",
            "  outside-wc-bb-StreamThread-1-consumer @ /127.0.0.2  1 task",
            "    0_0: streams-plaintext-input-0",
        ])
    }

    @Test func tasksWithoutAPublishedTopologyListThePartitionsAtTheirNumber() throws {
        let app = StreamsApplication(id: "outside-wc", local: nil, group: try outsideGroup(publishing: false), internalTopics: [])
        let lines = text(StreamsDetail.lines(app, glyphs: .unicode))
        #expect(lines[2...3] == ["Topology", "  topology not published by this client"])
        #expect(lines.contains("    0_1: streams-plaintext-input-1"))
        #expect(lines.contains("    1_0: outside-wc-counts-store-repartition-0"))
    }

    @Test func userDataThatIsNotSamsaStreamsJSONFallsBackToPartitionNumbers() {
        // Kafka's binary SubscriptionInfo (version 10, a UUID…) and plain garbage both fail to decode.
        let binary: [UInt8] = [0, 0, 0, 10, 0, 0, 0, 10, 0x6f, 0x1c, 0x2d, 0x3e, 0, 0, 0, 0]
        let member = GroupMember(memberId: "j1", clientId: "java-app-StreamThread-1-consumer", host: "/10.0.0.9",
                                 assignment: [TopicPartition("in", 0), TopicPartition("java-app-agg-repartition", 0), TopicPartition("in", 1)],
                                 subscriptionUserData: binary, assignmentUserData: Array("{not json".utf8))
        let group = GroupStatus(id: "java-app", state: .stable, assignor: "stream", generation: 1, members: [member], offsets: [])
        let app = StreamsApplication(id: "java-app", local: nil, group: group, internalTopics: [])
        #expect(app.members[0].subscription == nil && app.members[0].assignment == nil && app.members[0].tasks == nil)
        #expect(app.publishedTopology == nil)
        #expect(text(StreamsDetail.lines(app, glyphs: .ascii)) == [
            "java-app  Stable",
            "  seen through its consumer group (assignor \"stream\")",
            "Topology",
            "  topology not published by this client",
            "Members (group java-app, Stable)",
            "  java-app-StreamThread-1-consumer @ /10.0.0.9  2 partition groups",
            "    partition 0: in, java-app-agg-repartition",
            "    partition 1: in",
        ])
    }

    @Test func anEmptyGroupSaysNothingAboutATopology() {
        let group = GroupStatus(id: "gone", state: .empty, assignor: "stream", generation: 3, members: [], offsets: [])
        let app = StreamsApplication(id: "gone", local: nil, group: group, internalTopics: [])
        #expect(!text(StreamsDetail.lines(app, glyphs: .unicode)).contains { $0.contains("Topology") })
    }
}
