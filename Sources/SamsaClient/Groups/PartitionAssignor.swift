import SamsaProtocol

/// How the group leader splits the subscribed partitions among members, as Kafka's classic
/// `ConsumerPartitionAssignor`s do. Assignors are pure: the same members and partition counts always
/// give the same assignment, which is what lets every Kafka client in a group agree on it.
public protocol PartitionAssignor: Sendable {
    /// The protocol name members advertise in JoinGroup (`range`, `roundrobin`).
    var name: String { get }

    /// Partitions per member id. Every member gets an entry, possibly empty; topics missing from
    /// `partitionsPerTopic` (not in the metadata) are skipped.
    func assign(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: [TopicPartition]]
}

/// One member's subscription, as the leader sees it in the JoinGroup answer.
public struct AssignorMember: Sendable, Equatable {
    public var memberId: String
    public var groupInstanceId: String?
    public var topics: [String]

    public init(memberId: String, groupInstanceId: String? = nil, topics: [String]) {
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.topics = topics
    }

    /// Kafka's `MemberInfo` order: static members first (by group.instance.id), then dynamic members by
    /// member id, comparing strings as Java does (UTF-16 code units).
    static func kafkaOrder(_ a: AssignorMember, _ b: AssignorMember) -> Bool {
        switch (a.groupInstanceId, b.groupInstanceId) {
        case let (x?, y?): return javaLess(x, y)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return javaLess(a.memberId, b.memberId)
        }
    }

    static func javaLess(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

/// The assignors samsa knows, by the names and class names Kafka's `partition.assignment.strategy` takes.
public enum PartitionAssignors {
    public static func named(_ name: String) -> PartitionAssignor? {
        switch name.trimmingSpaces.lowercased() {
        case "range", "org.apache.kafka.clients.consumer.rangeassignor": return RangeAssignor()
        case "roundrobin", "org.apache.kafka.clients.consumer.roundrobinassignor": return RoundRobinAssignor()
        default: return nil
        }
    }
}
