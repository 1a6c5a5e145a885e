import NIOCore
import SamsaProtocol

extension GroupCoordinator {
    /// JoinGroup: the response waits until the group's rebalance completes (or is answered at once with an
    /// error, MEMBER_ID_REQUIRED, or the current generation when nothing changed).
    public func joinGroup(_ request: JoinGroupParameters, on eventLoop: EventLoop) -> EventLoopFuture<JoinGroupResult> {
        let promise = eventLoop.makePromise(of: JoinGroupResult.self)
        mutate { state, effects in
            if let result = join(&state, &effects, request, promise) {
                effects.append { promise.succeed(result) }
            }
        }
        return promise.futureResult
    }

    /// Returns an immediate answer, or nil when `promise` was parked until the rebalance completes.
    private func join(_ state: inout State, _ effects: inout Effects, _ request: JoinGroupParameters,
                      _ promise: EventLoopPromise<JoinGroupResult>) -> JoinGroupResult? {
        let groupId = request.groupId
        if groupId.isEmpty { return JoinGroupResult(error: .invalidGroupId, memberId: request.memberId) }
        if let error = coordinatorError(state, groupId) { return JoinGroupResult(error: error, memberId: request.memberId) }
        if request.sessionTimeoutMs < config.minSessionTimeoutMs || request.sessionTimeoutMs > config.maxSessionTimeoutMs {
            return JoinGroupResult(error: .invalidSessionTimeout, memberId: request.memberId)
        }
        let now = currentTimeMillis()
        if state.groups[groupId] == nil {
            guard request.memberId.isEmpty else { return JoinGroupResult(error: .unknownMemberId, memberId: request.memberId) }
            state.groups[groupId] = ConsumerGroup(groupId: groupId, partition: partition(for: groupId), now: now)
        }
        guard let group = state.groups[groupId], group.state != .dead else {
            return JoinGroupResult(error: .coordinatorNotAvailable, memberId: request.memberId)
        }
        if !group.accepts(protocolType: request.protocolType, protocols: request.protocols) {
            return JoinGroupResult(error: .inconsistentGroupProtocol, memberId: request.memberId)
        }
        if request.memberId.isEmpty {
            return joinAsNewMember(&state, &effects, request, promise)
        }
        return joinAsKnownMember(&state, &effects, request, promise)
    }

    private func joinAsNewMember(_ state: inout State, _ effects: inout Effects, _ request: JoinGroupParameters,
                                 _ promise: EventLoopPromise<JoinGroupResult>) -> JoinGroupResult? {
        let groupId = request.groupId
        let group = state.groups[groupId]!
        if let instance = request.groupInstanceId, let oldId = group.staticMembers[instance] {
            return replaceStaticMember(&state, &effects, request, oldId: oldId, promise)
        }
        if group.members.count + group.pendingMembers.count >= config.maxGroupSize {
            return JoinGroupResult(error: .groupMaxSizeReached)
        }
        let memberId = Self.newMemberId(prefix: request.groupInstanceId ?? request.clientId)
        if request.groupInstanceId == nil && request.requireKnownMemberId {
            // KIP-394: the member must come back with this id, so a lost response never leaves a ghost member.
            let token = state.token()
            state.groups[groupId]?.pendingMembers[memberId] = token
            schedule(state, afterMs: Int64(request.sessionTimeoutMs)) { coordinator in
                coordinator.pendingMemberExpired(groupId: groupId, memberId: memberId, token: token)
            }
            return JoinGroupResult(error: .memberIdRequired, memberId: memberId)
        }
        addMemberAndRebalance(&state, &effects, request, memberId: memberId, promise)
        return nil
    }

    private func joinAsKnownMember(_ state: inout State, _ effects: inout Effects, _ request: JoinGroupParameters,
                                   _ promise: EventLoopPromise<JoinGroupResult>) -> JoinGroupResult? {
        let groupId = request.groupId
        let memberId = request.memberId
        var group = state.groups[groupId]!
        if let instance = request.groupInstanceId, let current = group.staticMembers[instance], current != memberId {
            return JoinGroupResult(error: .fencedInstanceId, memberId: memberId)
        }
        if group.pendingMembers.removeValue(forKey: memberId) != nil {
            state.groups[groupId] = group
            addMemberAndRebalance(&state, &effects, request, memberId: memberId, promise)
            return nil
        }
        guard var member = group.members[memberId] else { return JoinGroupResult(error: .unknownMemberId, memberId: memberId) }
        let unchanged = member.hasSameProtocols(request.protocols)
        switch group.state {
        case .empty, .dead:
            return JoinGroupResult(error: .unknownMemberId, memberId: memberId)
        case .completingRebalance where unchanged, .stable where unchanged && group.leaderId != memberId:
            // Nothing changed: hand back the current generation without a rebalance.
            armSession(&state, groupId, memberId)
            return currentGeneration(group, for: memberId)
        case .preparingRebalance, .completingRebalance, .stable:
            if let previous = member.awaitingJoin {
                effects.append { previous.succeed(JoinGroupResult(error: .rebalanceInProgress, memberId: memberId)) }
            }
            update(&member, from: request)
            member.awaitingJoin = promise
            group.members[memberId] = member
            state.groups[groupId] = group
            if group.state == .preparingRebalance {
                checkJoinComplete(&state, &effects, groupId)
            } else {
                prepareRebalance(&state, &effects, groupId, reason: "member \(memberId) rejoined with new metadata")
            }
            return nil
        }
    }

    private func update(_ member: inout GroupMember, from request: JoinGroupParameters) {
        member.protocols = request.protocols
        member.protocolType = request.protocolType
        member.sessionTimeoutMs = request.sessionTimeoutMs
        member.rebalanceTimeoutMs = request.rebalanceTimeoutMs
        member.clientId = request.clientId
        member.clientHost = request.clientHost
    }

    private func addMemberAndRebalance(_ state: inout State, _ effects: inout Effects, _ request: JoinGroupParameters,
                                       memberId: String, _ promise: EventLoopPromise<JoinGroupResult>) {
        let groupId = request.groupId
        var member = GroupMember(memberId: memberId, groupInstanceId: request.groupInstanceId, clientId: request.clientId,
                                 clientHost: request.clientHost, sessionTimeoutMs: request.sessionTimeoutMs,
                                 rebalanceTimeoutMs: request.rebalanceTimeoutMs, protocolType: request.protocolType,
                                 protocols: request.protocols)
        member.awaitingJoin = promise
        state.groups[groupId]?.add(member)
        state.groups[groupId]?.joinedDuringDelay = true
        if state.groups[groupId]?.state == .preparingRebalance {
            checkJoinComplete(&state, &effects, groupId)
        } else {
            prepareRebalance(&state, &effects, groupId, reason: "member \(memberId) joined")
        }
    }

    /// A static member came back under a new member id (a restarted process with the same
    /// group.instance.id): the old id is fenced and the new one takes its place and its assignment.
    private func replaceStaticMember(_ state: inout State, _ effects: inout Effects, _ request: JoinGroupParameters,
                                     oldId: String, _ promise: EventLoopPromise<JoinGroupResult>) -> JoinGroupResult? {
        let groupId = request.groupId
        var group = state.groups[groupId]!
        guard let old = group.members[oldId] else { return JoinGroupResult(error: .unknownMemberId) }
        if let join = old.awaitingJoin { effects.append { join.succeed(JoinGroupResult(error: .fencedInstanceId, memberId: oldId)) } }
        if let sync = old.awaitingSync { effects.append { sync.succeed(SyncGroupResult(error: .fencedInstanceId)) } }
        let newId = Self.newMemberId(prefix: request.groupInstanceId ?? request.clientId)
        let wasLeader = group.leaderId == oldId
        var member = GroupMember(memberId: newId, groupInstanceId: request.groupInstanceId, clientId: request.clientId,
                                 clientHost: request.clientHost, sessionTimeoutMs: request.sessionTimeoutMs,
                                 rebalanceTimeoutMs: request.rebalanceTimeoutMs, protocolType: request.protocolType,
                                 protocols: request.protocols)
        member.assignment = old.assignment
        if let position = group.joinOrder.firstIndex(of: oldId) { group.joinOrder[position] = newId }
        group.members[oldId] = nil
        group.members[newId] = member
        group.staticMembers[request.groupInstanceId!] = newId
        if wasLeader { group.leaderId = newId }
        state.groups[groupId] = group
        // As Kafka: a stable group keeps its generation unless the protocol it would choose changes. The
        // metadata may differ (a restarted consumer owns no partitions yet) without a rebalance.
        if group.state == .stable && group.selectProtocol() == group.protocolName {
            do throws(EngineError) {
                try storeGroup(state, group, now: currentTimeMillis())
            } catch {
                return JoinGroupResult(error: error.code, memberId: newId)
            }
            armSession(&state, groupId, newId)
            var result = currentGeneration(group, for: newId)
            result.skipAssignment = wasLeader
            return result
        }
        state.groups[groupId]?.members[newId]?.awaitingJoin = promise
        if group.state == .preparingRebalance {
            checkJoinComplete(&state, &effects, groupId)
        } else {
            prepareRebalance(&state, &effects, groupId, reason: "static member \(request.groupInstanceId!) rejoined")
        }
        return nil
    }

    /// The answer for a member of a group whose generation is already settled.
    func currentGeneration(_ group: ConsumerGroup, for memberId: String) -> JoinGroupResult {
        var result = JoinGroupResult(error: .none, memberId: memberId)
        result.generationId = group.generationId
        result.protocolType = group.protocolType
        result.protocolName = group.protocolName
        result.leader = group.leaderId ?? ""
        if group.leaderId == memberId {
            result.members = group.orderedMembers.map {
                .init(memberId: $0.memberId, groupInstanceId: $0.groupInstanceId, metadata: $0.metadata(for: group.protocolName))
            }
        }
        return result
    }
}
