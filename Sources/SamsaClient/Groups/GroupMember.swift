import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// A member of a classic group of any protocol type (Kafka's `AbstractCoordinator` without the consumer on
/// top): Connect's workers use it with protocol type "connect". It joins offering the delegate's protocols
/// and metadata, lets the delegate compute the assignments when this member is the leader, hands each
/// member its assignment bytes, heartbeats in the background, rejoins when the coordinator asks (telling
/// the delegate what is revoked first), and leaves on close.
///
/// Rebalancing is eager from the group's point of view: `revoked` is called before every rejoin; a
/// delegate that keeps its work across rebalances (Connect's incremental cooperative protocol) simply
/// keeps it there.
public final class GroupMember: Sendable {
    public struct Config: Sendable {
        public var groupId: String
        /// The JoinGroup protocol type, e.g. "connect".
        public var protocolType: String
        public var sessionTimeoutMs: Int32 = 10_000
        public var rebalanceTimeoutMs: Int32 = 60_000
        public var heartbeatIntervalMs: Int32 = 3_000
        public var retryBackoffMs: Int64 = 100
        public var groupInstanceId: String?

        public init(groupId: String, protocolType: String) {
            self.groupId = groupId
            self.protocolType = protocolType
        }

        /// The settings `GroupMembership` reads (it was written for the consumer).
        var membershipConfig: GroupConsumerConfig {
            var config = GroupConsumerConfig(groupId: groupId)
            config.sessionTimeoutMs = sessionTimeoutMs
            config.maxPollIntervalMs = rebalanceTimeoutMs
            config.heartbeatIntervalMs = heartbeatIntervalMs
            config.retryBackoffMs = retryBackoffMs
            config.groupInstanceId = groupInstanceId
            return config
        }
    }

    /// What JoinGroup answered; for the leader, `members` holds every member's metadata for the chosen protocol.
    public struct Generation: Sendable {
        public var generationId: Int32
        public var memberId: String
        public var leaderId: String
        public var protocolName: String
        public var members: [(memberId: String, groupInstanceId: String?, metadata: [UInt8])]
        public var isLeader: Bool { leaderId == memberId }
    }

    public let client: KafkaClient
    public let config: Config
    let membership: GroupMembership
    private let delegate: any GroupMemberDelegate
    private let loop: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let heartbeats: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let wakeup = Wakeup()
    private let current: Mutex<Generation?> = Mutex(nil)

    public init(client: KafkaClient, config: Config, delegate: any GroupMemberDelegate) throws {
        if config.groupId.isEmpty { throw ClientError.invalidArgument("group.id must not be empty.") }
        if config.heartbeatIntervalMs >= config.sessionTimeoutMs {
            throw ClientError.invalidArgument("heartbeat.interval.ms (\(config.heartbeatIntervalMs)) must be lower than session.timeout.ms (\(config.sessionTimeoutMs)).")
        }
        self.client = client
        self.config = config
        self.delegate = delegate
        membership = GroupMembership(client: client, config: config.membershipConfig, protocolType: config.protocolType)
    }

    public var memberId: String { membership.memberId }
    public var generationId: Int32 { membership.generationId }
    /// The last generation this member synced in (nil before the first).
    public var generation: Generation? { current.withLock { $0 } }
    /// Joined, synced, and no rebalance asked for since.
    public var isStable: Bool { membership.isStable }

    /// Starts joining on a background task, and heartbeating on another (so a delegate's slow callback, such as
    /// stopping work before a rejoin, does not let the session expire).
    public func start() {
        loop.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in await run() }
        }
        heartbeats.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in await runHeartbeats() }
        }
    }

    /// Asks for a rebalance (e.g. the leader saw a new connector config).
    public func requestRejoin() {
        membership.requestRejoin()
        wakeup.notify()
    }

    /// Leaves the group, so the others rebalance at once, and stops the background task.
    public func close() async {
        let task = loop.withLock { t -> Task<Void, Never>? in defer { t = nil }; return t }
        let beats = heartbeats.withLock { t -> Task<Void, Never>? in defer { t = nil }; return t }
        task?.cancel()
        beats?.cancel()
        wakeup.notify()
        await task?.value
        await beats?.value
        await membership.leave(reason: "the member is being closed")
        await membership.close()
    }

    private func run() async {
        while !Task.isCancelled {
            if let fatal = membership.fatal {
                client.logger.error("Group \(config.groupId) member stopped: \(fatal)")
                await delegate.failed(fatal)
                return
            }
            if membership.rejoinNeeded {
                do {
                    try await rebalance()
                } catch is CancellationError {
                    return
                } catch {
                    if Task.isCancelled { return }
                    client.logger.warning("Joining group \(config.groupId) failed, retrying: \(error)")
                    try? await Task.sleep(for: .milliseconds(max(config.retryBackoffMs, 500)))
                }
                continue
            }
            // A heartbeat answer or `requestRejoin` asks for the next rebalance; check now and then regardless.
            await wakeup.wait(timeout: .milliseconds(Int64(config.heartbeatIntervalMs)))
        }
    }

    /// Heartbeats while the member is in a settled generation; an answer asking for a rebalance wakes the join loop.
    private func runHeartbeats() async {
        let interval = Duration.milliseconds(Int64(config.heartbeatIntervalMs))
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            await membership.heartbeat()
            if membership.rejoinNeeded || membership.fatal != nil { wakeup.notify() }
        }
    }

    private func rebalance() async throws {
        await delegate.revoked()
        while true {
            try Task.checkCancellation()
            let protocols = await delegate.protocols().map {
                JoinGroupRequest.GroupProtocol(name: $0.name, metadata: ByteBuffer(bytes: $0.metadata))
            }
            let joined = try await membership.join(protocols: protocols, reason: "the \(config.protocolType) member needs an assignment")
            let generation = Generation(
                generationId: joined.generationId, memberId: joined.memberId, leaderId: joined.leaderId,
                protocolName: joined.protocolName,
                members: joined.members.map { ($0.memberId, $0.groupInstanceId, Array($0.metadata.readableBytesView)) })
            var assignments: [String: ByteBuffer] = [:]
            if joined.isLeader {
                assignments = try await delegate.assign(generation).mapValues { ByteBuffer(bytes: $0) }
            }
            guard let bytes = try await membership.sync(joined, assignments: assignments) else { continue }
            current.withLock { $0 = generation }
            await delegate.assigned(Array(bytes.readableBytesView), generation: generation)
            return
        }
    }
}

/// What a `GroupMember` asks of its owner. Called from the member's background task, one call at a time.
public protocol GroupMemberDelegate: Sendable {
    /// The protocols to offer at the next join, in order of preference, with this member's metadata for each.
    func protocols() async -> [(name: String, metadata: [UInt8])]
    /// Leader only: the assignment bytes of each member (by member id) for the chosen protocol.
    func assign(_ generation: GroupMember.Generation) async throws -> [String: [UInt8]]
    /// Before rejoining: whatever was assigned may move.
    func revoked() async
    /// After syncing: this member's assignment bytes (empty if the leader gave none).
    func assigned(_ assignment: [UInt8], generation: GroupMember.Generation) async
    /// The member cannot go on (fenced, group full).
    func failed(_ error: Error) async
}

extension GroupMember {
    /// Every member of the group with its metadata for the chosen protocol, as the coordinator describes it
    /// (DescribeGroups): how a non-leader learns who else is in the group.
    public func describeMembers() async throws -> [(memberId: String, metadata: [UInt8])] {
        let coordinator = try await membership.coordinator()
        let response: DescribeGroupsResponse
        do {
            response = try await coordinator.connection.send(DescribeGroupsRequest(groups: [config.groupId]))
        } catch {
            membership.coordinatorFailed(coordinator)
            throw error
        }
        guard let group = response.groups.first else { return [] }
        if group.errorCode != .none { throw ClientError.broker(group.errorCode, "Describing group '\(config.groupId)' failed.") }
        return group.members.map { ($0.memberId, Array($0.memberMetadata.readableBytesView)) }
    }
}
