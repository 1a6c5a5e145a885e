import SamsaProtocol

/// Kafka's `RangeAssignor`: per topic, the members subscribed to it (in Kafka's member order) each get a
/// contiguous range of partitions; the first `partitions % members` get one extra. With several topics
/// the same members come first every time, which is why range favours them.
public struct RangeAssignor: PartitionAssignor {
    public let name = "range"

    public init() {}

    public func assign(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: [TopicPartition]] {
        var assignment = Dictionary(uniqueKeysWithValues: members.map { ($0.memberId, [TopicPartition]()) })
        let topics = Set(members.flatMap(\.topics)).sorted()
        for topic in topics {
            guard let count = partitionsPerTopic[topic], count > 0 else { continue }
            let subscribers = members.filter { $0.topics.contains(topic) }.sorted(by: AssignorMember.kafkaOrder)
            let perMember = Int(count) / subscribers.count
            let withExtra = Int(count) % subscribers.count
            for (i, member) in subscribers.enumerated() {
                let start = perMember * i + min(i, withExtra)
                let length = perMember + (i < withExtra ? 1 : 0)
                assignment[member.memberId, default: []].append(
                    contentsOf: (start..<start + length).map { TopicPartition(topic, Int32($0)) })
            }
        }
        return assignment
    }
}
