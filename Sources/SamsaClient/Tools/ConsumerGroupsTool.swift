import SamsaProtocol

/// What `samsa consumer-groups` does, over the wire through `Admin`, like Kafka's ConsumerGroupService:
/// gathers each group's description, commits and log ends, and plans, checks and executes offset resets.
public struct ConsumerGroupsTool: Sendable {
    public let admin: Admin

    public init(admin: Admin) {
        self.admin = admin
    }

    /// The ids of consumer groups (protocol type "consumer", or none yet), sorted.
    public func groupIds() async throws -> [String] {
        try await admin.listGroups().filter { $0.protocolType.isEmpty || $0.protocolType == ConsumerProtocol.protocolType }.map(\.groupId)
    }

    /// A group's description and its `--describe` rows (committed offsets, log ends, lag, members).
    public func describeOffsets(_ groupId: String) async throws -> (group: ConsumerGroupDescription, rows: [GroupOffsetRow]) {
        guard let group = try await admin.describeGroups([groupId]).first else {
            throw ClientError.broker(.unknownServerError, "Describing group '\(groupId)' gave no answer.")
        }
        if group.state == "Dead" { return (group, []) }
        let committed = try await admin.committedOffsets(group: groupId)
        let partitions = Set(committed.keys).union(group.members.flatMap(\.assignment))
        let logEnd = try await admin.listOffsets(Array(partitions), spec: -1)
        return (group, ConsumerGroupsFormat.offsetRows(group, committed: committed, logEnd: logEnd))
    }

    /// Plans (and with `execute`, commits) new offsets for a group. Only an inactive group (Empty or
    /// Dead) may be reset, as in Kafka: an active one would overwrite the reset with its next commit.
    /// `topics` are `--topic` values ("t" or "t:0,1"); with `allTopics`, every partition the group committed.
    public func resetOffsets(_ groupId: String, topics: [String], allTopics: Bool, to scenario: OffsetResetScenario,
                             execute: Bool) async throws -> [TopicPartition: Int64] {
        guard let group = try await admin.describeGroups([groupId]).first else {
            throw ClientError.broker(.unknownServerError, "Describing group '\(groupId)' gave no answer.")
        }
        guard group.state == "Empty" || group.state == "Dead" else {
            throw ClientError.invalidArgument("Assignments can only be reset if the group '\(groupId)' is inactive, but the current state is \(group.state).")
        }
        let committed = group.state == "Dead" ? [:] : try await admin.committedOffsets(group: groupId)
        let partitions = allTopics ? committed.keys.sorted() : try await partitions(of: topics)
        var log = OffsetResetPlan.LogOffsets()
        log.earliest = try await admin.listOffsets(partitions, spec: -2)
        log.latest = try await admin.listOffsets(partitions, spec: -1)
        if case .datetime(let time) = scenario { log.atTime = try await admin.listOffsets(partitions, spec: time) }
        let plan = try OffsetResetPlan.newOffsets(scenario, partitions: partitions, log: log, committed: committed)
        if execute && !plan.isEmpty { try await admin.commitOffsets(group: groupId, plan) }
        return plan
    }

    /// The partitions `--topic` values name; every one must exist.
    func partitions(of topics: [String]) async throws -> [TopicPartition] {
        var result: [TopicPartition] = []
        for argument in topics {
            let (topic, wanted) = try OffsetResetPlan.parseTopic(argument)
            guard let info = try await admin.client.refreshMetadata(topics: [topic]).topics[topic] else {
                throw ClientError.broker(.unknownTopicOrPartition, "Topic '\(topic)' does not exist.")
            }
            let existing = Set(info.partitions.map(\.partition))
            if let wanted {
                let missing = wanted.filter { !existing.contains($0) }
                if !missing.isEmpty {
                    throw ClientError.broker(.unknownTopicOrPartition, "The partitions \(missing.map { "\(topic)-\($0)" }.joined(separator: ", ")) do not exist.")
                }
                result += wanted.map { TopicPartition(topic, $0) }
            } else {
                result += existing.sorted().map { TopicPartition(topic, $0) }
            }
        }
        return Array(Set(result)).sorted()
    }

    /// Deletes groups; returns Kafka's report lines and whether every deletion worked.
    public func deleteGroups(_ groupIds: [String]) async throws -> (lines: [String], ok: Bool) {
        let results = try await admin.deleteGroups(groupIds)
        let deleted = groupIds.filter { results[$0] == ErrorCode.none }
        let failed = groupIds.filter { results[$0] != ErrorCode.none }
        if failed.isEmpty {
            return (["Deletion of requested consumer groups (\(deleted.map { "'\($0)'" }.joined(separator: ", "))) was successful."], true)
        }
        var lines = ["Error: Deletion of some consumer groups failed:"]
        for groupId in failed {
            let code = results[groupId] ?? .unknownServerError
            lines.append("* Group '\(groupId)' could not be deleted due to: \(Self.explain(code)) (\(code.name))")
        }
        if !deleted.isEmpty { lines.append("These consumer groups were deleted successfully: \(deleted.map { "'\($0)'" }.joined(separator: ", "))") }
        return (lines, false)
    }

    static func explain(_ code: ErrorCode) -> String {
        switch code {
        case .nonEmptyGroup: return "The group is not empty: stop its consumers first."
        case .groupIdNotFound: return "The group id does not exist."
        case .invalidGroupId: return "The group id is not valid."
        default: return "The broker refused."
        }
    }
}
