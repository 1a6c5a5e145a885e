import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SamsaEngine
import SamsaProtocol
import SamsaStorage
import Synchronization

/// The network face of the embedded cluster: one TCP listener per broker and configured listener
/// (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), each speaking the Kafka protocol into the engine; TLS listeners
/// put a NIOSSL handler first in every connection's pipeline. As in Kafka, the event loops (network threads) only frame, decode and write;
/// requests run on a bounded pool of request-handler threads (`num.io.threads`, `queued.max.requests`).
///
/// Thread-safety: start/stop may be called from any thread; listeners are tracked behind a mutex.
public final class KafkaServer: Sendable {
    public let cluster: Cluster
    public let group: EventLoopGroup
    public let dispatcher: RequestDispatcher
    public let maxFrameSize: Int
    /// Most connections one broker holds (`max.connections`); more are closed as they arrive.
    public let maxConnectionsPerBroker: Int
    /// Requests of one connection in the broker at a time (Kafka mutes a channel until it has answered).
    public let requestsPerConnection: Int
    let pool: RequestHandlerPool
    let logger: Logger
    /// Bound listeners per broker, by listener name.
    private let listeners: Mutex<[Int32: [String: Channel]]> = Mutex([:])
    /// Server contexts of the TLS listeners, by listener name, built at start.
    let tlsContexts: Mutex<[String: NIOSSLContext]> = Mutex([:])
    let principalMappers: Mutex<[String: SslPrincipalMapper]> = Mutex([:])
    /// Keystore keys set at run time (TLSKeystoreReload), over server.properties.
    let keystoreOverrides: Mutex<[String: String]> = Mutex([:])
    /// Listeners added while running (`addListener`), bound after the configured ones on every broker.
    let addedListeners: Mutex<[ListenerSpec]> = Mutex([])
    /// SASL settings of the SASL listeners, by listener name, built once (not per login).
    let saslSettings: Mutex<[String: SaslSettings]> = Mutex([:])
    /// Accepted connections per broker, so a broker that goes down drops its clients as a real one would.
    private let accepted: Mutex<[Int32: [ObjectIdentifier: Channel]]> = Mutex([:])

    public init(cluster: Cluster, group: EventLoopGroup, logger: Logger = Logger(label: "samsa.server")) {
        self.cluster = cluster
        self.group = group
        self.logger = logger
        let settings = cluster.config.settings
        maxConnectionsPerBroker = Int(settings.int64("max.connections"))
        requestsPerConnection = Int(settings.int64("queued.max.requests.per.connection"))
        maxFrameSize = Int(settings.int64("socket.request.max.bytes"))
        let threads = RequestHandlerPool.threads(configured: settings.explicit["num.io.threads"].flatMap(Int.init),
                                                 cores: System.coreCount)
        pool = RequestHandlerPool(threads: threads, capacity: Int(settings.int64("queued.max.requests")))
        dispatcher = RequestDispatcher.standard()
    }

    /// Starts the handler threads and binds every broker's listeners. A port already in use, or a TLS listener
    /// whose key or certificate cannot be used, is reported in one sentence. A listener configured with port 0
    /// gets a free port, which `Broker.port(listener:)` (and `Broker.port`, for the first) then reports.
    public func start() async throws {
        try prepareTLS()
        TLSKeystoreReload.register(self)
        for listener in cluster.config.listeners where listener.securityProtocol.usesSASL { try prepareSASL(listener) }
        OpenFileLimit.raiseToHardLimit()
        for loop in group.makeIterator() { loop.execute { EventLoopIOCheck.markCurrentThread() } }
        pool.start()
        cluster.startBackgroundWork(on: group)
        cluster.setListenerHook { [weak self] id, open in
            guard let self else { return }
            if open { self.reopenListener(id) } else { self.stopListener(id) }
        }
        for broker in cluster.brokers { try await startListener(broker.id) }
    }

    /// The configured listeners, then those added while running; a listener's index here picks its port.
    var allListeners: [ListenerSpec] { cluster.config.listeners + addedListeners.withLock { $0 } }

    /// Brokers whose listeners are bound now (a stopped or crashed broker has none).
    var listeningBrokers: [Int32] { listeners.withLock { Array($0.keys) }.sorted() }

    /// Closes the listener called `name` on every broker (an added listener whose bind failed somewhere).
    func closeListener(named name: String) {
        let bound = listeners.withLock { table in table.keys.compactMap { table[$0]?.removeValue(forKey: name) } }
        for channel in bound { channel.close(promise: nil) }
    }

    /// Binds every listener of one broker (already bound ones are left as they are).
    public func startListener(_ brokerId: Int32) async throws {
        guard let broker = cluster.broker(brokerId) else { throw ServerError("There is no broker \(brokerId).") }
        for (index, listener) in allListeners.enumerated()
        where listeners.withLock({ $0[brokerId]?[listener.name] }) == nil {
            let port = listenPort(broker, listener, index: index)
            do {
                let channel = try await bootstrap(for: broker, listener: listener).bind(host: listener.host, port: port).get()
                record(channel, broker: broker, listener: listener, index: index)
                logger.info("Broker \(brokerId) listening on \(listener.host):\(broker.port(listener: listener.name) ?? port) (\(listener.name))")
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw ServerError("Port \(port) on \(listener.host) is already in use (listener \(listener.name)); stop what is using it "
                                  + "or choose another with --port or listeners.")
            } catch {
                throw ServerError("Cannot listen on \(listener.host):\(port) (listener \(listener.name)): \(error).")
            }
        }
    }

    /// The port to bind: the one bound before (a restart keeps it), else the configured one.
    private func listenPort(_ broker: Broker, _ listener: ListenerSpec, index: Int) -> Int {
        if let bound = broker.port(listener: listener.name) { return bound }
        if index == 0 { return broker.port }
        return listener.ports.indices.contains(Int(broker.id)) ? listener.ports[Int(broker.id)] : 0
    }

    private func record(_ channel: Channel, broker: Broker, listener: ListenerSpec, index: Int) {
        let bound = channel.localAddress?.port ?? listenPort(broker, listener, index: index)
        broker.setListenerPort(bound, listener: listener.name)
        if index == 0 && broker.port == 0 { broker.setListenerPort(bound) }
        listeners.withLock { $0[broker.id, default: [:]][listener.name] = channel }
    }

    /// Opens a restarted broker's listeners without blocking the caller.
    private func reopenListener(_ brokerId: Int32) {
        guard let broker = cluster.broker(brokerId) else { return }
        for (index, listener) in allListeners.enumerated()
        where listeners.withLock({ $0[brokerId]?[listener.name] }) == nil {
            let port = listenPort(broker, listener, index: index)
            bootstrap(for: broker, listener: listener).bind(host: listener.host, port: port).whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    record(channel, broker: broker, listener: listener, index: index)
                    logger.info("Broker \(brokerId) listening on \(listener.host):\(port) (\(listener.name)) again")
                case .failure(let error):
                    logger.error("Broker \(brokerId) could not listen on \(listener.host):\(port) (\(listener.name)) again: \(error)")
                }
            }
        }
    }

    private func bootstrap(for broker: Broker, listener: ListenerSpec) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 2048, maximum: 4 << 20))
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel, broker: broker, listener: listener) }
            }
    }

    private func configure(_ channel: Channel, broker: Broker, listener: ListenerSpec) throws {
        let key = ObjectIdentifier(channel)
        let open = accepted.withLock { table -> Int in
            table[broker.id, default: [:]][key] = channel
            return table[broker.id]?.count ?? 0
        }
        channel.closeFuture.whenComplete { [self] _ in
            accepted.withLock { $0[broker.id]?[key] = nil }
        }
        if open > maxConnectionsPerBroker {
            logger.warning("Broker \(broker.id) refuses a connection: \(open - 1) are open (max.connections is \(maxConnectionsPerBroker)).")
            channel.close(promise: nil)
            return
        }
        let session = ConnectionSession(listener: listener, clientAddress: channel.remoteAddress?.ipAddress ?? "unknown",
                                        saslSettings: saslSettings.withLock { $0[listener.name] })
        if listener.securityProtocol.usesTLS {
            guard let context = tlsContexts.withLock({ $0[listener.name] }),
                  let mapper = principalMappers.withLock({ $0[listener.name] }) else {
                throw ServerError("Listener \(listener.name) has no TLS context.")
            }
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
            try channel.pipeline.syncOperations.addHandler(TLSPrincipalHandler(session: session, mapper: mapper, logger: logger))
        }
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: maxFrameSize)))
        try channel.pipeline.syncOperations.addHandler(
            ConnectionHandler(broker: broker, cluster: cluster, dispatcher: dispatcher, pool: pool,
                              window: requestsPerConnection, logger: logger, session: session))
    }

    /// Closes one broker's listeners and every connection they accepted. Does not block.
    public func stopListener(_ brokerId: Int32) {
        let bound = listeners.withLock { $0.removeValue(forKey: brokerId) ?? [:] }
        for listener in bound.values { listener.close(promise: nil) }
        let clients = accepted.withLock { $0.removeValue(forKey: brokerId) ?? [:] }
        for client in clients.values { client.close(promise: nil) }
        if !bound.isEmpty { logger.info("Broker \(brokerId) stopped listening") }
    }

    /// The sessions of every open connection (tests read who a connection is).
    func connectionSessions() async -> [ConnectionSession] {
        let channels = accepted.withLock { $0.values.flatMap(\.values) }
        var sessions: [ConnectionSession] = []
        for channel in channels {
            let session = try? await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.handler(type: ConnectionHandler.self).session
            }.get()
            if let session { sessions.append(session) }
        }
        return sessions
    }

    /// Connections open on every broker.
    public var openConnections: Int { accepted.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    /// Closes every listener and connection, then lets the handler threads finish what they hold. The
    /// cluster is left open for its owner to shut down.
    public func stop() async {
        let (all, clients) = closeEverything()
        for listener in all { try? await listener.close() }
        for client in clients { try? await client.closeFuture.get() }
        await pool.shutdown()
    }

    /// `stop()` for callers that cannot wait: closing goes on in the background.
    public func beginStop() {
        let (all, _) = closeEverything()
        for listener in all { listener.close(promise: nil) }
        Task { [pool] in await pool.shutdown() }
    }

    /// Forgets every listener and connection and starts closing the connections; returns both for the caller
    /// to close the listeners and, if it can wait, to wait for everything.
    private func closeEverything() -> (listeners: [Channel], clients: [Channel]) {
        let all = listeners.withLock { table -> [Channel] in
            defer { table.removeAll() }
            return table.values.flatMap(\.values)
        }
        let clients = accepted.withLock { table -> [Channel] in
            defer { table.removeAll() }
            return table.values.flatMap(\.values)
        }
        for client in clients { client.close(promise: nil) }
        return (all, clients)
    }
}

extension RequestDispatcher {
    /// Every API the server implements.
    static func standard() -> RequestDispatcher {
        var dispatcher = RequestDispatcher()
        dispatcher.registerProduce()
        dispatcher.registerFetch()
        dispatcher.registerListOffsets()
        dispatcher.registerMetadata()
        dispatcher.registerCreateTopics()
        dispatcher.registerDeleteTopics()
        dispatcher.registerCreatePartitions()
        dispatcher.registerDescribeConfigs()
        dispatcher.registerAlterConfigs()
        dispatcher.registerIncrementalAlterConfigs()
        dispatcher.registerInitProducerId()
        dispatcher.registerFindCoordinator()
        dispatcher.registerJoinGroup()
        dispatcher.registerSyncGroup()
        dispatcher.registerHeartbeat()
        dispatcher.registerLeaveGroup()
        dispatcher.registerOffsetCommit()
        dispatcher.registerOffsetFetch()
        dispatcher.registerDescribeGroups()
        dispatcher.registerListGroups()
        dispatcher.registerDeleteGroups()
        dispatcher.registerAddPartitionsToTxn()
        dispatcher.registerAddOffsetsToTxn()
        dispatcher.registerEndTxn()
        dispatcher.registerWriteTxnMarkers()
        dispatcher.registerTxnOffsetCommit()
        dispatcher.registerDescribeTransactions()
        dispatcher.registerListTransactions()
        dispatcher.registerOffsetForLeaderEpoch()
        dispatcher.registerElectLeaders()
        dispatcher.registerDescribeProducers()
        dispatcher.registerDeleteRecords()
        dispatcher.registerDescribeLogDirs()
        dispatcher.registerDescribeCluster()
        dispatcher.registerOffsetDelete()
        dispatcher.registerAclApis()
        dispatcher.registerDescribeUserScramCredentials()
        dispatcher.registerAlterUserScramCredentials()
        dispatcher.registerSamsaCluster()
        dispatcher.registerSaslHandshake()
        dispatcher.registerSaslAuthenticate()
        dispatcher.registerApiVersionsLast()
        return dispatcher
    }
}
