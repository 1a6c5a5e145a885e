import SamsaProtocol
import SamsaStreams

/// One Streams application as the Streams view lists it: one started here (with its runtime's live
/// snapshot), and/or one seen on the cluster through its consumer group — Kafka Streams' members join
/// with protocol type "consumer" and the assignor "stream" — with its internal topics.
struct StreamsApplication: Equatable {
    /// The application id, which is also its group id and its internal topics' prefix.
    let id: String
    let local: WorkbenchStreamsApp?
    let group: GroupStatus?
    /// `<application.id>-…-changelog` and `<application.id>-…-repartition`, by name.
    let internalTopics: [TopicStatus]
    /// The group's members with their Streams user data decoded.
    let members: [StreamsGroupMember]

    init(id: String, local: WorkbenchStreamsApp?, group: GroupStatus?, internalTopics: [TopicStatus]) {
        self.id = id
        self.local = local
        self.group = group
        self.internalTopics = internalTopics
        members = (group?.members ?? []).map(StreamsGroupMember.init)
    }

    /// The topology a member published in its subscription (SamsaStreams does; Kafka's Java client does not).
    var publishedTopology: TopologyDescription? { members.lazy.compactMap(\.subscription?.topology).first }

    /// Kafka Streams' assignor name, what DescribeGroups reports as the group's protocol.
    static let assignorName = "stream"

    /// Every Streams application in the snapshot, by id: those started here and every group using the
    /// Streams assignor.
    static func all(in snapshot: WorkbenchSnapshot) -> [StreamsApplication] {
        var ids = Set(snapshot.streams.map(\.applicationId))
        ids.formUnion(snapshot.groups.filter(isStreamsGroup).map(\.id))
        return ids.sorted().map { id in
            StreamsApplication(id: id, local: snapshot.streamsApp(id: id),
                               group: snapshot.group(id: id).flatMap { isStreamsGroup($0) ? $0 : nil },
                               internalTopics: internalTopics(of: id, in: snapshot.topics))
        }
    }

    static func isStreamsGroup(_ group: GroupStatus) -> Bool { group.assignor == assignorName }

    static func internalTopics(of id: String, in topics: [TopicStatus]) -> [TopicStatus] {
        topics.filter { $0.name.hasPrefix(id + "-") && ($0.name.hasSuffix("-changelog") || $0.name.hasSuffix("-repartition")) }
    }

    /// A member's partitions grouped by partition number: Kafka Streams gives one task every partition
    /// `p` of a sub-topology's co-partitioned topics, so partition numbers stand for tasks when only the
    /// group is visible.
    static func taskGroups(_ member: GroupMember) -> [(partition: Int32, topics: [String])] {
        Dictionary(grouping: member.assignment, by: \.partition).keys.sorted().map { partition in
            (partition, member.assignment.filter { $0.partition == partition }.map(\.topic).sorted())
        }
    }

    /// The group's lag per topic it reads, internal repartition topics included (sorted by topic).
    var lagByTopic: [(topic: String, lag: Int64)] {
        guard let group else { return [] }
        return group.topics.map { topic in
            (topic, group.offsets.filter { $0.topic == topic }.reduce(0) { $0 + max(0, $1.lag ?? 0) })
        }
    }

    /// The input lag: what the runtime reports when it runs here, else what the group's offsets say.
    var inputLag: Int64? {
        if let snapshot = local?.snapshot { return snapshot.inputLag.values.reduce(0) { $0 + max(0, $1) } }
        return group.map(\.totalLag)
    }

    var stateName: String {
        if let snapshot = local?.snapshot { return snapshot.state.rawValue }
        if local != nil { return "STARTING" }
        return group?.state.name ?? "Dead"
    }
}
