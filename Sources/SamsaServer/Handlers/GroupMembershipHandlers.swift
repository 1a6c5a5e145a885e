import NIOCore
import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// FindCoordinator: for a group (key type 0), the leader of its `__consumer_offsets` partition; for a
    /// transactional id (key type 1), the leader of its `__transaction_state` partition. Each internal
    /// topic is created on first use.
    mutating func registerFindCoordinator() {
        register(FindCoordinatorRequest.self) { request, context in
            let coordinators = request.keys(version: context.version).map { key -> FindCoordinatorResponse.Coordinator in
                let isTransaction = request.keyType == FindCoordinatorRequest.transactionKeyType
                guard isTransaction || request.keyType == FindCoordinatorRequest.groupKeyType else {
                    return .init(key: key, nodeId: -1, host: "", port: -1, errorCode: .invalidRequest,
                                 errorMessage: "Unknown coordinator key type \(request.keyType).")
                }
                if key.isEmpty {
                    return .init(key: key, nodeId: -1, host: "", port: -1, errorCode: isTransaction ? .invalidRequest : .invalidGroupId,
                                 errorMessage: isTransaction ? "The transactional id is empty." : "The group id is empty.")
                }
                if !context.authorize(.describe, isTransaction ? .transactionalId : .group, key) {
                    let code: ErrorCode = isTransaction ? .transactionalIdAuthorizationFailed : .groupAuthorizationFailed
                    return .init(key: key, nodeId: -1, host: "", port: -1, errorCode: code,
                                 errorMessage: AuthorizationFailure.message(for: code))
                }
                do throws(EngineError) {
                    let broker = isTransaction ? try context.cluster.transactionCoordinator(for: key)
                        : try context.cluster.coordinator(for: key)
                    return .init(key: key, nodeId: broker.id, host: context.address(of: broker).host, port: context.address(of: broker).port)
                } catch {
                    return .init(key: key, nodeId: -1, host: "", port: -1, errorCode: error.code, errorMessage: error.message)
                }
            }
            return .now(FindCoordinatorResponse(coordinators: coordinators, version: context.version))
        }
    }

    /// JoinGroup: answered when the group's rebalance completes.
    mutating func registerJoinGroup() {
        register(JoinGroupRequest.self) { request, context in
            guard context.authorize(.read, .group, request.groupId) else {
                return .now(JoinGroupResponse(errorCode: .groupAuthorizationFailed, protocolName: nil, leader: "", memberId: ""))
            }
            let parameters = JoinGroupParameters(
                groupId: request.groupId, memberId: request.memberId, groupInstanceId: request.groupInstanceId,
                clientId: context.header.clientId ?? "", clientHost: context.clientHost,
                sessionTimeoutMs: request.sessionTimeoutMs,
                // v0 has no rebalance timeout: Kafka uses the session timeout.
                rebalanceTimeoutMs: context.version == 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
                protocolType: request.protocolType,
                protocols: request.protocols.map { MemberProtocol(name: $0.name, metadata: $0.metadata) },
                requireKnownMemberId: context.version >= 4)
            let future = context.broker.coordinator.joinGroup(parameters, on: context.eventLoop)
            return .later(future.map { result in
                JoinGroupResponse(
                    errorCode: result.error, generationId: result.generationId, protocolType: result.protocolType,
                    protocolName: result.protocolName, leader: result.leader, skipAssignment: result.skipAssignment,
                    memberId: result.memberId,
                    members: result.members.map { .init(memberId: $0.memberId, groupInstanceId: $0.groupInstanceId, metadata: $0.metadata) })
            })
        }
    }

    /// SyncGroup: followers wait for the leader's assignment.
    mutating func registerSyncGroup() {
        register(SyncGroupRequest.self) { request, context in
            guard context.authorize(.read, .group, request.groupId) else {
                return .now(SyncGroupResponse(errorCode: .groupAuthorizationFailed))
            }
            var assignments: [String: ByteBuffer] = [:]
            for entry in request.assignments { assignments[entry.memberId] = entry.assignment }
            let parameters = SyncGroupParameters(
                groupId: request.groupId, generationId: request.generationId, memberId: request.memberId,
                groupInstanceId: request.groupInstanceId, protocolType: request.protocolType,
                protocolName: request.protocolName, assignments: assignments)
            let future = context.broker.coordinator.syncGroup(parameters, on: context.eventLoop)
            return .later(future.map { result in
                SyncGroupResponse(errorCode: result.error, protocolType: result.protocolType, protocolName: result.protocolName,
                                  assignment: result.assignment)
            })
        }
    }

    mutating func registerHeartbeat() {
        register(HeartbeatRequest.self) { request, context in
            guard context.authorize(.read, .group, request.groupId) else {
                return .now(HeartbeatResponse(errorCode: .groupAuthorizationFailed))
            }
            let error = context.broker.coordinator.heartbeat(
                groupId: request.groupId, memberId: request.memberId, groupInstanceId: request.groupInstanceId,
                generationId: request.generationId)
            return .now(HeartbeatResponse(errorCode: error))
        }
    }

    /// LeaveGroup: one member up to v2, a batch by member or instance id from v3.
    mutating func registerLeaveGroup() {
        register(LeaveGroupRequest.self) { request, context in
            guard context.authorize(.read, .group, request.groupId) else {
                return .now(LeaveGroupResponse(errorCode: .groupAuthorizationFailed))
            }
            let leaving = request.leavingMembers(version: context.version)
            let (error, errors) = context.broker.coordinator.leaveGroup(
                groupId: request.groupId,
                members: leaving.map { LeavingMember(memberId: $0.memberId, groupInstanceId: $0.groupInstanceId) })
            if context.version < 3 {
                return .now(LeaveGroupResponse(errorCode: error != .none ? error : errors.first ?? ErrorCode.none))
            }
            return .now(LeaveGroupResponse(errorCode: error, members: zip(leaving, errors).map { member, code in
                .init(memberId: member.memberId, groupInstanceId: member.groupInstanceId, errorCode: code)
            }))
        }
    }
}
