import SamsaProtocol
import SamsaStreams

/// A member of a Streams group with what its user data tells: SamsaStreams publishes its topology in the
/// subscription (JSON `StreamsSubscriptionInfo`) and the leader hands it its task ids in the assignment
/// (`StreamsAssignmentInfo`). Kafka's Java client writes binary SubscriptionInfo instead, which does not
/// decode here: such a member falls back to its partitions grouped by partition number.
struct StreamsGroupMember: Equatable {
    let member: GroupMember
    let subscription: StreamsSubscriptionInfo?
    let assignment: StreamsAssignmentInfo?

    init(_ member: GroupMember) {
        self.member = member
        subscription = member.subscriptionUserData.flatMap(StreamsSubscriptionInfo.decode)
        assignment = member.assignmentUserData.flatMap(StreamsAssignmentInfo.decode)
    }

    /// The member's active tasks in Kafka's order, nil when its assignment does not name them.
    var tasks: [TaskId]? {
        guard let assignment else { return nil }
        let ids = assignment.activeTasks.compactMap { TaskId($0) }
        return ids.count == assignment.activeTasks.count ? ids.sorted() : nil
    }

    /// The member's partitions that belong to task `id`: partition `id.partition` of the topics its
    /// sub-topology reads, internal ones prefixed with the application id as on the cluster.
    func partitions(of id: TaskId, topology: TopologyDescription?, applicationId: String) -> [TopicPartition] {
        let atPartition = member.assignment.filter { $0.partition == id.partition }
        guard let subtopology = topology?.subtopologies.first(where: { $0.id == id.subtopology }) else { return atPartition }
        let topics = Set(subtopology.nodes.flatMap { node -> [String] in
            guard case .source(let topics) = node.kind else { return [] }
            return topics.flatMap { [$0, "\(applicationId)-\($0)"] }
        })
        return atPartition.filter { topics.contains($0.topic) }.sorted { $0.topic < $1.topic }
    }
}
