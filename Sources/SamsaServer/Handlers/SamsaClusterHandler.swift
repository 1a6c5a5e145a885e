import NIOCore
import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// SamsaCluster (Samsa's extension): broker status, and fault injection for `samsa cluster`.
    mutating func registerSamsaCluster() {
        register(SamsaClusterRequest.self) { request, context in
            let cluster = context.cluster
            let id = request.brokerId
            // Reading the cluster's state needs DESCRIBE on the cluster; injecting a fault, ALTER.
            let operation: AclOperation = request.action == .describe ? .describe : .alter
            guard context.authorizeCluster(operation) else {
                return .now(SamsaClusterResponse(errorCode: .clusterAuthorizationFailed, errorMessage: AuthorizationFailure.cluster,
                                                 controllerId: -1, brokers: []))
            }
            // Taking down the broker this connection talks to would close it before the answer left:
            // check, answer, and act a moment later.
            let closesThisConnection = id == context.broker.id
                && [.stopBroker, .killBroker, .isolateBroker].contains(request.action)
            if closesThisConnection {
                guard context.broker.status == .online else {
                    return .now(Self.clusterState(cluster, error: .invalidRequest, "Broker \(id) is not online."))
                }
                context.eventLoop.scheduleTask(in: .milliseconds(20)) {
                    // Fault injection flushes or recovers logs: never on the event loop.
                    context.executor.execute {
                        do { try Self.perform(request, on: cluster) } catch {
                            context.logger.error("\(request.action) of broker \(id) failed: \(error)")
                        }
                    }
                }
                return .now(Self.clusterState(cluster))
            }
            do {
                try Self.perform(request, on: cluster)
                if request.action == .stopBroker {
                    // Answer once the broker has finished its controlled shutdown, so a script can start it next.
                    let settled = context.eventLoop.scheduleTask(in: .milliseconds(Cluster.controlledShutdownGraceMs + 50)) {
                        Self.clusterState(cluster)
                    }
                    return .later(settled.futureResult)
                }
            } catch let error as EngineError {
                return .now(Self.clusterState(cluster, error: error.code, error.message))
            } catch {
                return .now(Self.clusterState(cluster, error: .unknownServerError, "\(error)"))
            }
            return .now(Self.clusterState(cluster))
        }
    }

    private static func perform(_ request: SamsaClusterRequest, on cluster: Cluster) throws {
        switch request.action {
        case .describe: break
        case .stopBroker: try cluster.stopBroker(request.brokerId)
        case .killBroker: try cluster.killBroker(request.brokerId)
        case .startBroker: try cluster.startBroker(request.brokerId)
        case .isolateBroker: try cluster.isolateBroker(request.brokerId)
        case .heal: try cluster.heal()
        case .slowFollower: try cluster.setReplicationDelay(broker: request.brokerId, delayMs: Int(request.delayMs))
        }
    }

    private static func clusterState(_ cluster: Cluster, error: ErrorCode = .none, _ message: String? = nil) -> SamsaClusterResponse {
        let live = cluster.liveBrokerIds
        return SamsaClusterResponse(
            errorCode: error, errorMessage: message, controllerId: cluster.controllerId,
            brokers: cluster.brokers.map {
                .init(brokerId: $0.id, host: $0.host, port: Int32($0.port), status: $0.status.rawValue, live: live.contains($0.id),
                      replicationDelayMs: Int32($0.replicationDelayMs))
            })
    }
}
