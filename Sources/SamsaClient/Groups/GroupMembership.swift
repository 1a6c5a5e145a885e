import Logging
import NIOCore
import SamsaProtocol
import Synchronization

/// One member's side of Kafka's classic group protocol. It finds the coordinator and keeps a connection
/// of its own to it (a JoinGroup may wait for the whole rebalance and must not hold up fetches), joins
/// (answering MEMBER_ID_REQUIRED), syncs, heartbeats and leaves; `GroupMembership+Offsets` commits and
/// fetches the group's offsets.
///
/// Thread-safety: the consumer's task and its heartbeat task call in concurrently; state is mutex-guarded.
final class GroupMembership: Sendable {
    let client: KafkaClient
    let config: GroupConsumerConfig
    let logger: Logger
    /// The JoinGroup/SyncGroup protocol type: "consumer" for the group consumer, e.g. "connect" for `GroupMember`.
    let protocolType: String
    let state: Mutex<State> = Mutex(State())
    private let coordinatorTask: Mutex<Task<Coordinator, Error>?> = Mutex(nil)

    struct Coordinator: Sendable {
        var id: Int32
        var connection: BrokerConnection
    }

    struct State {
        var memberId = ""
        var generationId: Int32 = -1
        var protocolName: String?
        /// Joined and synced, and nothing has asked for a rebalance since.
        var stable = false
        var rejoinNeeded = true
        /// An error the member cannot recover from (fenced static member, a refused join).
        var fatal: ClientError?
    }

    /// What JoinGroup answered: the generation, and for the leader every member's subscription.
    struct JoinOutcome: Sendable {
        var generationId: Int32
        var memberId: String
        var leaderId: String
        var protocolName: String
        var members: [JoinGroupResponse.Member]
        var isLeader: Bool { leaderId == memberId }
    }

    init(client: KafkaClient, config: GroupConsumerConfig, protocolType: String = ConsumerProtocol.protocolType) {
        self.client = client
        self.config = config
        self.protocolType = protocolType
        self.logger = client.logger
    }

    var memberId: String { state.withLock { $0.memberId } }
    var generationId: Int32 { state.withLock { $0.generationId } }
    var rejoinNeeded: Bool { state.withLock { $0.rejoinNeeded } }
    var isStable: Bool { state.withLock { $0.stable } }
    var fatal: ClientError? { state.withLock { $0.fatal } }

    /// Asks for a rebalance at the next poll. With `generation`, only if the member is still in it (an
    /// answer about an older generation says nothing about the current one).
    func requestRejoin(ifGeneration generation: Int32? = nil, resetGeneration: Bool = false, resetMemberId: Bool = false) {
        state.withLock { s in
            if let generation, generation != s.generationId { return }
            s.rejoinNeeded = true
            s.stable = false
            if resetGeneration || resetMemberId { s.generationId = -1 }
            if resetMemberId { s.memberId = "" }
        }
    }

    // MARK: The coordinator

    /// The coordinator and a live connection to it, looked up once and reused until it fails.
    func coordinator() async throws -> Coordinator {
        while true {
            let task = coordinatorTask.withLock { current -> Task<Coordinator, Error> in
                if let current { return current }
                let task = Task { [client, config] () throws -> Coordinator in
                    let (id, address) = try await Admin(client: client).findCoordinator(group: config.groupId)
                    let connection = try await client.open(address)
                    return Coordinator(id: id, connection: connection)
                }
                current = task
                return task
            }
            do {
                let coordinator = try await task.value
                if coordinator.connection.isActive { return coordinator }
                forget(task)
            } catch {
                forget(task)
                throw error
            }
        }
    }

    private func forget(_ task: Task<Coordinator, Error>) {
        coordinatorTask.withLock { if $0 == task { $0 = nil } }
    }

    /// Drops the coordinator after NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE or a broken connection, so
    /// the next request looks it up again.
    func coordinatorFailed(_ failed: Coordinator) {
        let task = coordinatorTask.withLock { current -> Task<Coordinator, Error>? in
            defer { current = nil }
            return current
        }
        failed.connection.close()
        task?.cancel()
    }

    /// Sends on the coordinator connection; a cancelled caller closes it so a long JoinGroup wait ends at once,
    /// and forgets it, so what follows (a LeaveGroup on close) connects afresh instead of writing to it.
    func send<R: KafkaRequest>(_ request: R, to coordinator: Coordinator, timeout: TimeAmount? = nil) async throws -> R.Response {
        try await withTaskCancellationHandler {
            try await coordinator.connection.send(request, timeout: timeout)
        } onCancel: {
            self.coordinatorFailed(coordinator)
        }
    }

    func backoff() async throws {
        try await Task.sleep(for: .milliseconds(config.retryBackoffMs))
    }

    // MARK: Join, sync, heartbeat, leave

    /// Joins until the coordinator answers with a generation; retries what Kafka's consumer retries.
    func join(protocols: [JoinGroupRequest.GroupProtocol], reason: String) async throws -> JoinOutcome {
        state.withLock { $0.stable = false }
        while true {
            try Task.checkCancellation()
            let coordinator: Coordinator
            do {
                coordinator = try await self.coordinator()
            } catch let error where error.isRetriableForGroups {
                try await backoff()
                continue
            }
            let memberId = self.memberId
            let request = JoinGroupRequest(
                groupId: config.groupId, sessionTimeoutMs: config.sessionTimeoutMs, rebalanceTimeoutMs: config.maxPollIntervalMs,
                memberId: memberId, groupInstanceId: config.groupInstanceId, protocolType: protocolType, protocols: protocols,
                reason: reason)
            let response: JoinGroupResponse
            do {
                // The coordinator holds the answer until every member rejoined, at most the rebalance timeout.
                response = try await send(request, to: coordinator, timeout: .milliseconds(Int64(config.maxPollIntervalMs) + 5000))
            } catch let error where error.isRetriableForGroups {
                coordinatorFailed(coordinator)
                try await backoff()
                continue
            }
            switch response.errorCode {
            case .none:
                state.withLock { s in
                    s.memberId = response.memberId
                    s.generationId = response.generationId
                    s.protocolName = response.protocolName
                }
                logger.debug("Joined group \(config.groupId) at generation \(response.generationId) as \(response.memberId)")
                return JoinOutcome(generationId: response.generationId, memberId: response.memberId, leaderId: response.leader,
                                   protocolName: response.protocolName ?? "", members: response.members)
            case .memberIdRequired:
                state.withLock { $0.memberId = response.memberId }
            case .unknownMemberId:
                state.withLock { s in s.memberId = ""; s.generationId = -1 }
            case .illegalGeneration:
                state.withLock { $0.generationId = -1 }
            case .rebalanceInProgress:
                continue
            case .coordinatorLoadInProgress:
                try await backoff()
            case .notCoordinator, .coordinatorNotAvailable:
                coordinatorFailed(coordinator)
                try await backoff()
            default:
                let error = ClientError.authorization(response.errorCode, "Read", group: config.groupId)
                    ?? ClientError.broker(response.errorCode, "Joining group '\(config.groupId)' failed.")
                if response.errorCode == .fencedInstanceId || response.errorCode == .groupMaxSizeReached {
                    state.withLock { $0.fatal = error }
                }
                throw error
            }
        }
    }

    /// Sends the leader's assignments (empty from followers) and returns this member's, or nil when the
    /// group must be joined again.
    func sync(_ joined: JoinOutcome, assignments: [String: ByteBuffer]) async throws -> ByteBuffer? {
        let coordinator: Coordinator
        do {
            coordinator = try await self.coordinator()
        } catch let error where error.isRetriableForGroups {
            return nil
        }
        let request = SyncGroupRequest(
            groupId: config.groupId, generationId: joined.generationId, memberId: joined.memberId,
            groupInstanceId: config.groupInstanceId, protocolType: protocolType, protocolName: joined.protocolName,
            assignments: assignments.sorted { $0.key < $1.key }.map { .init(memberId: $0.key, assignment: $0.value) })
        let response: SyncGroupResponse
        do {
            response = try await send(request, to: coordinator, timeout: .milliseconds(Int64(config.maxPollIntervalMs) + 5000))
        } catch let error where error.isRetriableForGroups {
            coordinatorFailed(coordinator)
            return nil
        }
        switch response.errorCode {
        case .none:
            let current = state.withLock { s -> Bool in
                guard s.generationId == joined.generationId else { return false }
                s.stable = true
                s.rejoinNeeded = false
                return true
            }
            return current ? response.assignment : nil
        case .rebalanceInProgress:
            return nil
        case .unknownMemberId:
            requestRejoin(resetMemberId: true)
            return nil
        case .illegalGeneration:
            requestRejoin(resetGeneration: true)
            return nil
        case .notCoordinator, .coordinatorNotAvailable:
            coordinatorFailed(coordinator)
            return nil
        case .coordinatorLoadInProgress:
            try await backoff()
            return nil
        default:
            throw ClientError.broker(response.errorCode, "Syncing with group '\(config.groupId)' failed.")
        }
    }

    /// One heartbeat, if the member is in a settled generation; its answer may ask for a rebalance.
    func heartbeat() async {
        guard let (generationId, memberId) = state.withLock({ $0.stable ? ($0.generationId, $0.memberId) : nil }),
              let coordinator = try? await coordinator() else { return }
        let code: ErrorCode
        do {
            code = try await coordinator.connection.send(HeartbeatRequest(
                groupId: config.groupId, generationId: generationId, memberId: memberId, groupInstanceId: config.groupInstanceId)).errorCode
        } catch {
            coordinatorFailed(coordinator)
            return
        }
        switch code {
        case .none:
            break
        case .rebalanceInProgress:
            logger.debug("Group \(config.groupId) is rebalancing; rejoining")
            requestRejoin(ifGeneration: generationId)
        case .illegalGeneration:
            requestRejoin(ifGeneration: generationId, resetGeneration: true)
        case .unknownMemberId:
            requestRejoin(ifGeneration: generationId, resetMemberId: true)
        case .fencedInstanceId:
            state.withLock { $0.fatal = ClientError.broker(code, "Another consumer with group.instance.id '\(config.groupInstanceId ?? "")' took this one's place.") }
        case .notCoordinator, .coordinatorNotAvailable:
            coordinatorFailed(coordinator)
        default:
            logger.warning("Heartbeat to group \(config.groupId) failed: \(code)")
        }
    }

    /// Leaves the group so the others rebalance at once instead of after the session timeout. Static
    /// members stay (as in Kafka): their place is kept for a restart within the session timeout.
    func leave(reason: String) async {
        let memberId = state.withLock { s -> String in
            defer { s.memberId = ""; s.generationId = -1; s.stable = false; s.rejoinNeeded = true }
            return s.memberId
        }
        guard !memberId.isEmpty, config.groupInstanceId == nil, let coordinator = try? await coordinator() else { return }
        do {
            let version = try coordinator.connection.version(for: LeaveGroupRequest.self)
            let request = version >= 3
                ? LeaveGroupRequest(groupId: config.groupId, members: [.init(memberId: memberId, reason: reason)])
                : LeaveGroupRequest(groupId: config.groupId, memberId: memberId)
            let response = try await coordinator.connection.send(request, version: version)
            if response.errorCode != .none { logger.debug("LeaveGroup answered \(response.errorCode)") }
        } catch {
            logger.debug("LeaveGroup failed: \(error)")
        }
    }

    /// Closes the coordinator connection.
    func close() async {
        let task = coordinatorTask.withLock { current -> Task<Coordinator, Error>? in
            defer { current = nil }
            return current
        }
        (try? await task?.value)?.connection.close()
    }
}
