import NIOCore
import SamsaProtocol

extension GroupCoordinator {
    /// SyncGroup: followers wait for the leader's assignment; the leader's sync stores the assignment in
    /// `__consumer_offsets` and, once every in-sync replica has it, the group is Stable and everyone is answered.
    public func syncGroup(_ request: SyncGroupParameters, on eventLoop: EventLoop) -> EventLoopFuture<SyncGroupResult> {
        let promise = eventLoop.makePromise(of: SyncGroupResult.self)
        let stored = mutate { state, effects -> StoredAssignment? in
            var stored: StoredAssignment?
            if let result = sync(&state, &effects, request, promise, stored: &stored) { effects.append { promise.succeed(result) } }
            return stored
        }
        if let stored {
            stored.partition.waitForReplication(through: stored.lastOffset, timeoutMs: config.offsetsCommitTimeoutMs, on: eventLoop)
                .whenSuccess { [self] error in assignmentStored(stored, error) }
        }
        return promise.futureResult
    }

    /// A leader's assignment written to the log, waiting for the in-sync replicas.
    struct StoredAssignment: Sendable {
        let groupId: String
        let generationId: Int32
        let partition: Partition
        let lastOffset: Int64
    }

    /// The assignment is replicated (or could not be): make the group Stable and answer every waiting
    /// member, unless the group moved on meanwhile (a member left and it is rebalancing again).
    private func assignmentStored(_ stored: StoredAssignment, _ error: ErrorCode) {
        mutate { state, effects in
            let groupId = stored.groupId
            guard var group = state.groups[groupId], group.generationId == stored.generationId,
                  group.state == .completingRebalance else { return }
            guard error == .none else {
                let code: ErrorCode = error == .notLeaderOrFollower ? .notCoordinator
                    : error == .requestTimedOut ? .rebalanceInProgress : .coordinatorNotAvailable
                for member in group.members.values {
                    if let sync = member.awaitingSync { effects.append { sync.succeed(SyncGroupResult(error: code)) } }
                    state.groups[groupId]?.members[member.memberId]?.awaitingSync = nil
                }
                prepareRebalance(&state, &effects, groupId, reason: "storing the assignment failed: \(error.name)")
                return
            }
            group.state = .stable
            group.stateTimestamp = currentTimeMillis()
            for member in group.members.values {
                guard let sync = member.awaitingSync else { continue }
                let result = SyncGroupResult(error: .none, protocolType: group.protocolType, protocolName: group.protocolName,
                                             assignment: member.assignment)
                effects.append { sync.succeed(result) }
                group.members[member.memberId]?.awaitingSync = nil
            }
            state.groups[groupId] = group
            for memberId in group.members.keys { armSession(&state, groupId, memberId) }
            logger.info("Group \(groupId) is stable at generation \(group.generationId)")
        }
    }

    private func sync(_ state: inout State, _ effects: inout Effects, _ request: SyncGroupParameters,
                      _ promise: EventLoopPromise<SyncGroupResult>, stored: inout StoredAssignment?) -> SyncGroupResult? {
        let groupId = request.groupId
        if groupId.isEmpty { return SyncGroupResult(error: .invalidGroupId) }
        if let error = coordinatorError(state, groupId) { return SyncGroupResult(error: error) }
        guard var group = state.groups[groupId] else { return SyncGroupResult(error: .unknownMemberId) }
        if let error = memberError(group, request.memberId, request.groupInstanceId, request.generationId) {
            return SyncGroupResult(error: error)
        }
        if let type = request.protocolType, type != group.protocolType { return SyncGroupResult(error: .inconsistentGroupProtocol) }
        if let name = request.protocolName, name != group.protocolName { return SyncGroupResult(error: .inconsistentGroupProtocol) }
        switch group.state {
        case .empty, .dead:
            return SyncGroupResult(error: .unknownMemberId)
        case .preparingRebalance:
            return SyncGroupResult(error: .rebalanceInProgress)
        case .stable:
            armSession(&state, groupId, request.memberId)
            return SyncGroupResult(error: .none, protocolType: group.protocolType, protocolName: group.protocolName,
                                   assignment: group.members[request.memberId]?.assignment ?? ByteBuffer())
        case .completingRebalance:
            if let previous = group.members[request.memberId]?.awaitingSync {
                effects.append { previous.succeed(SyncGroupResult(error: .rebalanceInProgress)) }
            }
            group.members[request.memberId]?.awaitingSync = promise
            guard request.memberId == group.leaderId else {
                state.groups[groupId] = group
                return nil
            }
            for id in group.members.keys { group.members[id]?.assignment = request.assignments[id] ?? ByteBuffer() }
            do throws(EngineError) {
                let (partition, last) = try storeGroup(state, group, now: currentTimeMillis())
                stored = StoredAssignment(groupId: groupId, generationId: group.generationId, partition: partition, lastOffset: last)
                state.groups[groupId] = group
                return nil
            } catch {
                state.groups[groupId] = group
                for member in group.members.values {
                    if let sync = member.awaitingSync { effects.append { sync.succeed(SyncGroupResult(error: error.code)) } }
                    state.groups[groupId]?.members[member.memberId]?.awaitingSync = nil
                }
                prepareRebalance(&state, &effects, groupId, reason: "storing the assignment failed: \(error.message)")
                return nil
            }
        }
    }

    /// The checks SyncGroup, Heartbeat and OffsetCommit share: a fenced static id, an unknown member, a
    /// stale generation.
    func memberError(_ group: ConsumerGroup, _ memberId: String, _ instanceId: String?, _ generationId: Int32) -> ErrorCode? {
        if group.state == .dead { return .coordinatorNotAvailable }
        if let instanceId, let current = group.staticMembers[instanceId], current != memberId { return .fencedInstanceId }
        if group.members[memberId] == nil { return .unknownMemberId }
        if generationId != group.generationId { return .illegalGeneration }
        return nil
    }

    /// Heartbeat: keeps the member's session alive and tells it when the group is rebalancing.
    public func heartbeat(groupId: String, memberId: String, groupInstanceId: String? = nil, generationId: Int32) -> ErrorCode {
        mutate { state, _ in
            if groupId.isEmpty { return .invalidGroupId }
            if let error = coordinatorError(state, groupId) { return error }
            guard let group = state.groups[groupId] else { return .unknownMemberId }
            if group.state == .empty { return .unknownMemberId }
            if let error = memberError(group, memberId, groupInstanceId, generationId) { return error }
            armSession(&state, groupId, memberId)
            return group.state == .preparingRebalance ? .rebalanceInProgress : .none
        }
    }

    /// LeaveGroup: removes each named member (by member id, or by group.instance.id for static members).
    /// Returns the request-level error and one error per member, in order.
    public func leaveGroup(groupId: String, members leaving: [LeavingMember]) -> (error: ErrorCode, members: [ErrorCode]) {
        mutate { state, effects in
            if groupId.isEmpty { return (.invalidGroupId, leaving.map { _ in .invalidGroupId }) }
            if let error = coordinatorError(state, groupId) { return (error, leaving.map { _ in error }) }
            guard state.groups[groupId] != nil else { return (.unknownMemberId, leaving.map { _ in .unknownMemberId }) }
            var errors: [ErrorCode] = []
            for leaver in leaving {
                guard let group = state.groups[groupId] else { errors.append(.unknownMemberId); continue }
                var memberId = leaver.memberId
                if let instance = leaver.groupInstanceId {
                    guard let current = group.staticMembers[instance] else { errors.append(.unknownMemberId); continue }
                    if !memberId.isEmpty && memberId != current { errors.append(.fencedInstanceId); continue }
                    memberId = current
                }
                if state.groups[groupId]?.pendingMembers.removeValue(forKey: memberId) != nil {
                    checkJoinComplete(&state, &effects, groupId)
                    errors.append(.none)
                    continue
                }
                guard group.members[memberId] != nil else { errors.append(.unknownMemberId); continue }
                removeMember(&state, &effects, groupId, memberId, reason: "left the group")
                errors.append(.none)
            }
            return (.none, errors)
        }
    }
}
