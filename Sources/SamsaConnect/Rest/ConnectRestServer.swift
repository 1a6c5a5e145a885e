import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Kafka Connect's REST server (Kafka's `ConnectRestServer` on Jetty/Jersey), on SwiftNIO's NIOHTTP1.
/// NIOHTTP1 rather than Hummingbird: it is already a dependency of SamsaConnect, so CI builds no extra
/// package, and the API is a small fixed set of routes that `RestRouter` matches by hand.
///
/// Start it with the worker's `listeners` (default `http://:8083`); `listeners` then report the bound ports
/// (port 0 binds a free one). The herder can be attached after binding (a distributed worker needs its
/// REST URL for its id before its herder exists); until then requests get 503.
///
/// Thread-safety: every method may be called from any thread; state is behind a mutex.
public final class ConnectRestServer: Sendable {
    public static let defaultListeners = ["http://:8083"]
    /// Request bodies larger than this are refused with 413 (connector configs are a few kilobytes).
    public static let defaultMaxBodyBytes = 8 << 20
    /// Jetty's default idle timeout, after which a connection that sends nothing between requests is closed.
    public static let defaultIdleTimeout = TimeAmount.seconds(30)

    private struct State {
        var router: RestRouter?
        var channels: [Channel] = []
        var bound: [RestListener] = []
        /// Accepted connections, closed with the listeners.
        var connections: [ObjectIdentifier: Channel] = [:]
    }

    private let configured: [String]
    private let group: any EventLoopGroup
    private let maxBodyBytes: Int
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private let state: Mutex<State>

    public init(listeners: [String] = ConnectRestServer.defaultListeners, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                herder: (any Herder)? = nil, maxBodyBytes: Int = ConnectRestServer.defaultMaxBodyBytes,
                idleTimeout: TimeAmount = ConnectRestServer.defaultIdleTimeout,
                logger: Logger = Logger(label: "samsa.connect.rest")) {
        configured = listeners.isEmpty ? Self.defaultListeners : listeners
        self.group = group
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.logger = logger
        state = Mutex(State(router: herder.map { RestRouter(herder: $0, client: RestClient(group: group)) }))
    }

    /// Serves this herder's API from now on.
    public func attach(_ herder: any Herder) {
        let router = RestRouter(herder: herder, client: RestClient(group: group))
        state.withLock { $0.router = router }
    }

    /// Binds every listener. A malformed listener or one that cannot be bound throws `ConnectError` with one
    /// sentence ("Could not bind the Connect REST listener http://:8083: address already in use."); listeners
    /// already bound are closed again.
    public func start() async throws {
        let parsed = try configured.map(RestListener.init(parsing:))
        for (text, listener) in zip(configured, parsed) {
            do {
                let channel = try await bootstrap().bind(host: listener.bindHost, port: listener.port).get()
                var actual = listener
                actual.port = channel.localAddress?.port ?? listener.port
                state.withLock {
                    $0.channels.append(channel)
                    $0.bound.append(actual)
                }
                logger.info("REST server listening at \(actual)")
            } catch {
                await stop()
                throw ConnectError.connect("Could not bind the Connect REST listener \(text.trimmingCharacters(in: .whitespaces)): \(Self.reason(error)).")
            }
        }
    }

    /// The listeners as bound, with real ports.
    public var listeners: [RestListener] { state.withLock { $0.bound } }

    /// The first listener's bound port.
    public var port: Int? { listeners.first?.port }

    /// The URL other workers and clients use, e.g. `http://127.0.0.1:8083/`: the first listener's host, or
    /// this machine's name when it binds every interface (Kafka's advertised URL without
    /// `rest.advertised.*`).
    public var advertisedURL: String? {
        guard let first = listeners.first else { return nil }
        let host = first.host.isEmpty ? ProcessInfo.processInfo.hostName : first.host
        return "\(first.scheme)://\(host.contains(":") ? "[\(host)]" : host):\(first.port)/"
    }

    /// Closes the listeners and every open connection.
    public func stop() async {
        let channels = state.withLock { s -> [Channel] in
            defer { s.channels = []; s.bound = []; s.connections = [:] }
            return s.channels + Array(s.connections.values)
        }
        for channel in channels { try? await channel.close() }
    }

    private func bootstrap() -> ServerBootstrap {
        let maxBodyBytes = self.maxBodyBytes, idleTimeout = self.idleTimeout
        let router: @Sendable () -> RestRouter? = { [self] in state.withLock { $0.router } }
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                let key = ObjectIdentifier(channel)
                state.withLock { $0.connections[key] = channel }
                channel.closeFuture.whenComplete { [self] _ in state.withLock { _ = $0.connections.removeValue(forKey: key) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RestHTTPHandler(router: router, maxBodyBytes: maxBodyBytes))
                }
            }
    }

    private static func reason(_ error: Error) -> String {
        if let io = error as? IOError {
            if io.errnoCode == EADDRINUSE { return "address already in use" }
            if io.errnoCode == EADDRNOTAVAIL { return "the address is not one of this machine's" }
            if io.errnoCode == EACCES { return "permission denied" }
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        return String(describing: error)
    }
}
