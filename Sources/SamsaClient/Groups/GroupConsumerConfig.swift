/// A group consumer's settings, under the names Kafka's consumer uses (see `apply`).
public struct GroupConsumerConfig: Sendable {
    /// What to do for a partition the group has no committed offset for (`auto.offset.reset`).
    public enum OffsetReset: String, Sendable {
        case earliest, latest, none
    }

    /// `group.id`.
    public var groupId: String
    /// `group.instance.id`: a static member keeps its assignment across restarts within the session timeout.
    public var groupInstanceId: String?
    /// `session.timeout.ms`: the coordinator drops a member it has not heard from for this long.
    public var sessionTimeoutMs: Int32 = 45000
    /// `heartbeat.interval.ms`: how often the background task tells the coordinator this member is alive.
    public var heartbeatIntervalMs: Int32 = 3000
    /// `max.poll.interval.ms`: the rebalance timeout, and how long `poll` may go uncalled before the member leaves.
    public var maxPollIntervalMs: Int32 = 300_000
    /// `partition.assignment.strategy`, in order of preference.
    public var assignors: [PartitionAssignor] = [RangeAssignor()]
    /// `enable.auto.commit`.
    public var enableAutoCommit = true
    /// `auto.commit.interval.ms`.
    public var autoCommitIntervalMs: Int64 = 5000
    /// `auto.offset.reset`.
    public var autoOffsetReset: OffsetReset = .latest
    /// `retry.backoff.ms`: the pause before retrying a failed coordinator request.
    public var retryBackoffMs: Int64 = 100
    /// `allow.auto.create.topics`: subscribing asks the broker to create missing topics (if it allows that).
    public var allowAutoCreateTopics = true
    /// Fetch settings (`fetch.max.wait.ms`, `fetch.min.bytes`, …), shared with the plain `Consumer`.
    public var fetch = ConsumerConfig()

    public init(groupId: String) {
        self.groupId = groupId
    }

    /// Applies Kafka consumer properties; returns the keys it does not know. A bad value is one sentence.
    public mutating func apply(_ properties: [String: String]) throws -> [String] {
        var unknown: [String] = []
        for (key, value) in properties {
            func number(min: Int64 = 0) throws -> Int64 {
                guard let parsed = Int64(value.trimmingSpaces), parsed >= min else {
                    throw ClientError.invalidArgument("Consumer property \(key) must be a number of at least \(min), not \"\(value)\".")
                }
                return parsed
            }
            func int32(min: Int64 = 0) throws -> Int32 { Int32(clamping: try number(min: min)) }
            func bool() throws -> Bool {
                switch value.trimmingSpaces.lowercased() {
                case "true": return true
                case "false": return false
                default: throw ClientError.invalidArgument("Consumer property \(key) must be true or false, not \"\(value)\".")
                }
            }
            switch key {
            case "group.id": groupId = value
            case "group.instance.id": groupInstanceId = value.isEmpty ? nil : value
            case "session.timeout.ms": sessionTimeoutMs = try int32(min: 1)
            case "heartbeat.interval.ms": heartbeatIntervalMs = try int32(min: 1)
            case "max.poll.interval.ms": maxPollIntervalMs = try int32(min: 1)
            case "enable.auto.commit": enableAutoCommit = try bool()
            case "auto.commit.interval.ms": autoCommitIntervalMs = try number()
            case "retry.backoff.ms": retryBackoffMs = try number()
            case "allow.auto.create.topics": allowAutoCreateTopics = try bool()
            case "fetch.max.wait.ms": fetch.fetchMaxWaitMs = try int32()
            case "fetch.min.bytes": fetch.fetchMinBytes = try int32()
            case "fetch.max.bytes": fetch.fetchMaxBytes = try int32(min: 1)
            case "max.partition.fetch.bytes": fetch.maxPartitionFetchBytes = try int32(min: 1)
            case "isolation.level":
                guard let level = IsolationLevel(name: value.trimmingSpaces) else {
                    throw ClientError.invalidArgument("isolation.level must be read_uncommitted or read_committed, not \"\(value)\".")
                }
                fetch.isolationLevel = level
            case "auto.offset.reset":
                guard let reset = OffsetReset(rawValue: value.trimmingSpaces.lowercased()) else {
                    throw ClientError.invalidArgument("auto.offset.reset must be earliest, latest or none, not \"\(value)\".")
                }
                autoOffsetReset = reset
            case "partition.assignment.strategy":
                let names = value.split(separator: ",").map(String.init).filter { !$0.trimmingSpaces.isEmpty }
                var chosen: [PartitionAssignor] = []
                for name in names {
                    guard let assignor = PartitionAssignors.named(name) else {
                        throw ClientError.invalidArgument("partition.assignment.strategy \"\(name.trimmingSpaces)\" is not supported; use range or roundrobin.")
                    }
                    chosen.append(assignor)
                }
                guard !chosen.isEmpty else {
                    throw ClientError.invalidArgument("partition.assignment.strategy needs at least one of range, roundrobin.")
                }
                assignors = chosen
            default: unknown.append(key)
            }
        }
        try validate()
        return unknown.sorted()
    }

    /// The checks Kafka's consumer makes when it is created.
    public func validate() throws {
        if groupId.isEmpty { throw ClientError.invalidArgument("group.id must not be empty for a group consumer.") }
        if heartbeatIntervalMs >= sessionTimeoutMs {
            throw ClientError.invalidArgument("heartbeat.interval.ms (\(heartbeatIntervalMs)) must be lower than session.timeout.ms (\(sessionTimeoutMs)).")
        }
    }
}
