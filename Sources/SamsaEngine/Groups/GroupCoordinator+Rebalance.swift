import NIOCore
import SamsaProtocol

extension GroupCoordinator {
    /// Moves a group to PreparingRebalance: members are told (through heartbeats and pending syncs) to
    /// rejoin. An empty group's first rebalance waits `group.initial.rebalance.delay.ms` for more members;
    /// otherwise the rebalance completes when every member has rejoined or the rebalance timeout passes.
    func prepareRebalance(_ state: inout State, _ effects: inout Effects, _ groupId: String, reason: String) {
        guard var group = state.groups[groupId] else { return }
        if group.state == .completingRebalance {
            for (id, member) in group.members {
                if let sync = member.awaitingSync {
                    effects.append { sync.succeed(SyncGroupResult(error: .rebalanceInProgress)) }
                    group.members[id]?.awaitingSync = nil
                }
                group.members[id]?.assignment = ByteBuffer()
            }
        }
        let wasEmpty = group.state == .empty
        group.state = .preparingRebalance
        group.stateTimestamp = currentTimeMillis()
        let token = state.token()
        group.rebalanceToken = token
        if wasEmpty {
            let delay = config.initialRebalanceDelayMs
            group.joinedDuringDelay = false
            group.delayRemainingMs = max(0, group.rebalanceTimeoutMs - delay)
            group.inInitialDelay = true
            state.groups[groupId] = group
            schedule(state, afterMs: delay) { $0.initialDelayElapsed(groupId: groupId, token: token) }
        } else {
            group.inInitialDelay = false
            state.groups[groupId] = group
            schedule(state, afterMs: group.rebalanceTimeoutMs) { $0.rebalanceTimedOut(groupId: groupId, token: token) }
            checkJoinComplete(&state, &effects, groupId)
        }
        logger.debug("Group \(groupId) rebalancing: \(reason)")
    }

    /// Completes the join phase once every member has rejoined (never during the initial delay).
    func checkJoinComplete(_ state: inout State, _ effects: inout Effects, _ groupId: String) {
        guard let group = state.groups[groupId], group.state == .preparingRebalance, !group.inInitialDelay else { return }
        if group.allMembersJoined && group.pendingMembers.isEmpty { completeJoin(&state, &effects, groupId) }
    }

    func initialDelayElapsed(groupId: String, token: UInt64) {
        mutate { state, effects in
            guard var group = state.groups[groupId], group.rebalanceToken == token, group.state == .preparingRebalance else { return }
            if group.joinedDuringDelay && group.delayRemainingMs > 0 {
                // Someone joined during the delay: wait once more, within the rebalance timeout.
                let delay = min(config.initialRebalanceDelayMs, group.delayRemainingMs)
                group.delayRemainingMs -= delay
                group.joinedDuringDelay = false
                state.groups[groupId] = group
                schedule(state, afterMs: delay) { $0.initialDelayElapsed(groupId: groupId, token: token) }
                return
            }
            completeJoin(&state, &effects, groupId)
        }
    }

    func rebalanceTimedOut(groupId: String, token: UInt64) {
        mutate { state, effects in
            guard let group = state.groups[groupId], group.rebalanceToken == token, group.state == .preparingRebalance else { return }
            completeJoin(&state, &effects, groupId)
        }
    }

    /// Ends the join phase: members that did not rejoin are dropped, the generation advances, a protocol is
    /// chosen, and every waiting member gets its JoinGroup answer (the leader with the member list).
    func completeJoin(_ state: inout State, _ effects: inout Effects, _ groupId: String) {
        guard var group = state.groups[groupId] else { return }
        for member in group.orderedMembers where member.awaitingJoin == nil {
            group.remove(member.memberId)
            logger.info("Group \(groupId): member \(member.memberId) did not rejoin in time and was removed")
        }
        group.pendingMembers.removeAll()
        group.inInitialDelay = false
        group.rebalanceToken = state.token()
        group.generationId += 1
        group.stateTimestamp = currentTimeMillis()
        if group.members.isEmpty {
            group.protocolName = nil
            group.leaderId = nil
            group.state = .empty
            state.groups[groupId] = group
            do { try storeGroup(state, group, now: group.stateTimestamp) } catch {
                logger.warning("Could not store empty group \(groupId): \(error)")
            }
            logger.info("Group \(groupId) is empty at generation \(group.generationId)")
            return
        }
        group.protocolName = group.selectProtocol()
        if group.leaderId == nil || group.members[group.leaderId!] == nil { group.leaderId = group.joinOrder.first }
        group.state = .completingRebalance
        for member in group.orderedMembers {
            guard let join = member.awaitingJoin else { continue }
            let result = currentGeneration(group, for: member.memberId)
            effects.append { join.succeed(result) }
            group.members[member.memberId]?.awaitingJoin = nil
        }
        state.groups[groupId] = group
        for memberId in group.members.keys { armSession(&state, groupId, memberId) }
        logger.info("Group \(groupId) generation \(group.generationId): \(group.members.count) member(s), protocol \(group.protocolName ?? "-"), leader \(group.leaderId ?? "-")")
    }

    /// Removes a member (it left, was fenced or timed out) and moves the group on accordingly.
    func removeMember(_ state: inout State, _ effects: inout Effects, _ groupId: String, _ memberId: String, reason: String) {
        guard let member = state.groups[groupId]?.remove(memberId) else { return }
        if let join = member.awaitingJoin { effects.append { join.succeed(JoinGroupResult(error: .unknownMemberId, memberId: memberId)) } }
        if let sync = member.awaitingSync { effects.append { sync.succeed(SyncGroupResult(error: .unknownMemberId)) } }
        logger.info("Group \(groupId): member \(memberId) \(reason)")
        switch state.groups[groupId]?.state {
        case .stable?, .completingRebalance?:
            prepareRebalance(&state, &effects, groupId, reason: "member \(memberId) \(reason)")
        case .preparingRebalance?:
            checkJoinComplete(&state, &effects, groupId)
        default:
            break
        }
    }

    func sessionExpired(groupId: String, memberId: String, token: UInt64) {
        mutate { state, effects in
            guard let member = state.groups[groupId]?.members[memberId], member.sessionToken == token,
                  member.awaitingJoin == nil, member.awaitingSync == nil else { return }
            removeMember(&state, &effects, groupId, memberId, reason: "left: its session timed out")
        }
    }

    func pendingMemberExpired(groupId: String, memberId: String, token: UInt64) {
        mutate { state, effects in
            guard state.groups[groupId]?.pendingMembers[memberId] == token else { return }
            state.groups[groupId]?.pendingMembers[memberId] = nil
            checkJoinComplete(&state, &effects, groupId)
        }
    }
}
