import SamsaProtocol

/// Kafka's `RoundRobinAssignor`: every subscribed partition, topics in name order, is dealt in turn to
/// the members (in Kafka's member order), skipping members not subscribed to the partition's topic.
public struct RoundRobinAssignor: PartitionAssignor {
    public let name = "roundrobin"

    public init() {}

    public func assign(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: [TopicPartition]] {
        var assignment = Dictionary(uniqueKeysWithValues: members.map { ($0.memberId, [TopicPartition]()) })
        let ring = members.sorted(by: AssignorMember.kafkaOrder)
        guard !ring.isEmpty else { return assignment }
        var next = 0
        for topic in Set(members.flatMap(\.topics)).sorted(by: AssignorMember.javaLess) {
            guard let count = partitionsPerTopic[topic], count > 0 else { continue }
            for partition in 0..<count {
                // Some member subscribes to `topic` (it came from a subscription), so this terminates.
                while !ring[next % ring.count].topics.contains(topic) { next += 1 }
                assignment[ring[next % ring.count].memberId, default: []].append(TopicPartition(topic, partition))
                next += 1
            }
        }
        return assignment
    }
}
