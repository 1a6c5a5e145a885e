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

    /// User data this member puts in its subscription (Kafka's `subscriptionUserData`); nil for range and roundrobin.
    func subscriptionUserData(topics: [String]) -> [UInt8]?

    /// The assignment with each member's user data; by default `assign` without any.
    func assignWithUserData(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: MemberAssignment]
}

extension PartitionAssignor {
    public func subscriptionUserData(topics: [String]) -> [UInt8]? { nil }

    public func assignWithUserData(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: MemberAssignment] {
        assign(members: members, partitionsPerTopic: partitionsPerTopic).mapValues { MemberAssignment(partitions: $0) }
    }
}

/// What the leader hands one member: partitions and, for assignors that use it, user data.
public struct MemberAssignment: Sendable, Equatable {
    public var partitions: [TopicPartition]
    public var userData: [UInt8]?
    public init(partitions: [TopicPartition], userData: [UInt8]? = nil) {
        self.partitions = partitions
        self.userData = userData
    }
}

/// One member's subscription, as the leader sees it in the JoinGroup answer.
public struct AssignorMember: Sendable, Equatable {
    public var memberId: String
    public var groupInstanceId: String?
    public var topics: [String]
    /// The subscription's user data (what the member's assignor put there).
    public var userData: [UInt8]?
    /// The partitions the member owned before this rebalance, so sticky assignors can keep them in place.
    public var ownedPartitions: [TopicPartition]

    public init(memberId: String, groupInstanceId: String? = nil, topics: [String], userData: [UInt8]? = nil,
                ownedPartitions: [TopicPartition] = []) {
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.topics = topics
        self.userData = userData
        self.ownedPartitions = ownedPartitions
    }

    /// Kafka's `MemberInfo` order: static members first (by group.instance.id), then dynamic members by
    /// member id, comparing strings as Java does (UTF-16 code units).
    public static func kafkaOrder(_ a: AssignorMember, _ b: AssignorMember) -> Bool {
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
