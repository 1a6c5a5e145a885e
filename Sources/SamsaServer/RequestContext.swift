import Logging
import NIOCore
import SamsaEngine
import SamsaProtocol

/// What a handler knows about the request it serves. Handlers run on a request-handler thread; futures
/// they return complete on `eventLoop` (the connection's), and engine work they start later (a parked
/// fetch's re-read) runs on `executor`.
public struct RequestContext: Sendable {
    public let header: RequestHeader
    public let broker: Broker
    public let cluster: Cluster
    /// "/<ip>" of the client, as Kafka reports member hosts.
    public let clientHost: String
    public let eventLoop: EventLoop
    public let executor: WorkExecutor
    public let logger: Logger
    /// The connection's listener and principal.
    public let session: ConnectionSession

    public var version: Int16 { header.apiVersion }
}

extension RequestContext {
    public var principal: KafkaPrincipal { session.principal }

    /// May this connection's principal do `operation` on the named resource (Kafka's authorizer, with ACLs)?
    public func authorize(_ operation: AclOperation, _ resourceType: AclResourceType, _ name: String) -> Bool {
        cluster.authorizer.authorize(session.principal, host: session.clientAddress, operation: operation,
                                     resourceType: resourceType, name: name)
    }
}

/// A handler's answer: ready now, later (a parked fetch), or none at all (acks=0 produce).
public enum Reply<Response: Sendable>: Sendable {
    case now(Response)
    case later(EventLoopFuture<Response>)
    case none
}
