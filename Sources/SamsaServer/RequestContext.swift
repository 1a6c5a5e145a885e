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

    public var version: Int16 { header.apiVersion }
}

/// A handler's answer: ready now, later (a parked fetch), or none at all (acks=0 produce).
public enum Reply<Response: Sendable>: Sendable {
    case now(Response)
    case later(EventLoopFuture<Response>)
    case none
}
