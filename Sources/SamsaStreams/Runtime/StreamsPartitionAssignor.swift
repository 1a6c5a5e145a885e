import Foundation
import SamsaClient
import SamsaProtocol

/// Kafka Streams' assignor (protocol name `stream`): it assigns tasks, not partitions. Task `s_p` is the
/// partition `p` of every source topic of subtopology `s`, so co-partitioned inputs meet in one task.
/// Tasks are balanced across members and stay with the member that owned them (or has their state on
/// disk), so state stays local across rebalances.
public struct StreamsPartitionAssignor: PartitionAssignor {
    public let name = "stream"
    /// Source topics per subtopology id, resolved to cluster names.
    public let sourceTopics: [Int: [String]]
    /// This member's subscription info: which process it is and which tasks it has state for.
    let localInfo: @Sendable () -> StreamsSubscriptionInfo

    public init(sourceTopics: [Int: [String]], localInfo: @escaping @Sendable () -> StreamsSubscriptionInfo) {
        self.sourceTopics = sourceTopics
        self.localInfo = localInfo
    }

    public func subscriptionUserData(topics: [String]) -> [UInt8]? {
        Array((try? JSONEncoder().encode(localInfo())) ?? Data())
    }

    public func assign(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: [TopicPartition]] {
        assignWithUserData(members: members, partitionsPerTopic: partitionsPerTopic).mapValues(\.partitions)
    }

    public func assignWithUserData(members: [AssignorMember], partitionsPerTopic: [String: Int32]) -> [String: MemberAssignment] {
        let tasks = tasksAndPartitions(partitionsPerTopic)
        let plan = assignTasks(Array(tasks.keys).sorted(), to: members)
        return plan.mapValues { ids in
            let info = StreamsAssignmentInfo(activeTasks: ids.map(\.description))
            return MemberAssignment(partitions: ids.flatMap { tasks[$0] ?? [] }.sorted(),
                                    userData: Array((try? JSONEncoder().encode(info)) ?? Data()))
        }
    }

    /// Every task with its source partitions: a subtopology has as many tasks as its largest source topic has partitions.
    public func tasksAndPartitions(_ partitionsPerTopic: [String: Int32]) -> [TaskId: [TopicPartition]] {
        var tasks: [TaskId: [TopicPartition]] = [:]
        for (id, topics) in sourceTopics {
            let count = topics.compactMap { partitionsPerTopic[$0] }.max() ?? 0
            for p in 0..<count {
                tasks[TaskId(subtopology: id, partition: p)] = topics.filter { (partitionsPerTopic[$0] ?? 0) > p }
                    .map { TopicPartition($0, p) }
            }
        }
        return tasks
    }

    /// The task a source partition belongs to.
    public func task(of tp: TopicPartition) -> TaskId? {
        sourceTopics.first { $0.value.contains(tp.topic) }.map { TaskId(subtopology: $0.key, partition: tp.partition) }
    }

    /// Balanced (no member more than one task above another) and sticky: a task first stays with the member
    /// that owned its partitions, then goes to a member with its state on disk, then to the least loaded.
    func assignTasks(_ tasks: [TaskId], to unordered: [AssignorMember]) -> [String: [TaskId]] {
        let members = unordered.sorted(by: AssignorMember.kafkaOrder)
        var plan = Dictionary(uniqueKeysWithValues: members.map { ($0.memberId, [TaskId]()) })
        guard !members.isEmpty else { return plan }
        let capacity = (tasks.count + members.count - 1) / members.count
        var owner: [TaskId: String] = [:]
        var hasState: [TaskId: [String]] = [:]
        for member in members {
            for tp in member.ownedPartitions { if let id = task(of: tp) { owner[id] = member.memberId } }
            let info = member.userData.flatMap(StreamsSubscriptionInfo.decode)
            for text in info?.tasksWithState ?? [] { if let id = TaskId(text) { hasState[id, default: []].append(member.memberId) } }
        }
        var left: [TaskId] = []
        for id in tasks {
            if let member = owner[id], plan[member, default: []].count < capacity { plan[member]?.append(id) } else { left.append(id) }
        }
        var rest: [TaskId] = []
        for id in left {
            if let member = hasState[id]?.first(where: { (plan[$0]?.count ?? capacity) < capacity }) {
                plan[member]?.append(id)
            } else {
                rest.append(id)
            }
        }
        for id in rest {
            let member = members.min { (plan[$0.memberId]?.count ?? 0) < (plan[$1.memberId]?.count ?? 0) }!
            plan[member.memberId]?.append(id)
        }
        // Stickiness filled members up to the ceiling; even out until no member has two more than another.
        while true {
            let byLoad = members.map(\.memberId).sorted { (plan[$0]?.count ?? 0) < (plan[$1]?.count ?? 0) }
            guard let low = byLoad.first, let high = byLoad.last, (plan[high]?.count ?? 0) - (plan[low]?.count ?? 0) > 1 else { break }
            let moved = plan[high]!.removeLast()
            plan[low]?.append(moved)
        }
        return plan.mapValues { $0.sorted() }
    }
}

/// What a Streams member tells the leader in its subscription's user data.
public struct StreamsSubscriptionInfo: Codable, Sendable, Equatable {
    public var processId: String
    /// Tasks this member has local state for (a task directory under the state dir).
    public var tasksWithState: [String]
    /// The application id, so a tool reading the group sees which application the member runs (nil from older members).
    public var applicationId: String?
    /// The member's topology, so a tool reading the group (the workbench) can draw it (nil from older members).
    public var topology: TopologyDescription?
    public init(processId: String, tasksWithState: [String], applicationId: String? = nil, topology: TopologyDescription? = nil) {
        self.processId = processId
        self.tasksWithState = tasksWithState
        self.applicationId = applicationId
        self.topology = topology
    }

    /// Reads a `stream` member's subscription user data (as DescribeGroups shows it); nil for anything else.
    public static func decode(_ userData: [UInt8]) -> StreamsSubscriptionInfo? {
        try? JSONDecoder().decode(Self.self, from: Data(userData))
    }
}

/// What the leader hands a Streams member besides its partitions.
public struct StreamsAssignmentInfo: Codable, Sendable, Equatable {
    /// Task ids as Kafka writes them (`0_1`).
    public var activeTasks: [String]
    public init(activeTasks: [String]) { self.activeTasks = activeTasks }

    /// Reads a `stream` member's assignment user data; nil for anything else.
    public static func decode(_ userData: [UInt8]) -> StreamsAssignmentInfo? {
        try? JSONDecoder().decode(Self.self, from: Data(userData))
    }
}
