import Logging
import NIOCore
import NIOPosix
import SamsaEngine
import SamsaProtocol
import Synchronization

/// The network face of the embedded cluster: one TCP listener per broker, each speaking the Kafka
/// protocol into the engine.
///
/// Thread-safety: start/stop may be called from any thread; listeners are tracked behind a mutex.
public final class KafkaServer: Sendable {
    public let cluster: Cluster
    public let group: EventLoopGroup
    public let dispatcher: RequestDispatcher
    public let maxFrameSize: Int
    public let maxConnectionsPerListener: Int
    private let logger: Logger
    private let listeners: Mutex<[Int32: Channel]> = Mutex([:])
    /// Accepted connections per broker, so a broker that goes down drops its clients as a real one would.
    private let accepted: Mutex<[Int32: [ObjectIdentifier: Channel]]> = Mutex([:])
    private let connections = Atomic<Int>(0)

    public init(cluster: Cluster, group: EventLoopGroup, logger: Logger = Logger(label: "samsa.server"),
                maxConnectionsPerListener: Int = 1000) {
        self.cluster = cluster
        self.group = group
        self.logger = logger
        self.maxConnectionsPerListener = maxConnectionsPerListener
        maxFrameSize = Int(cluster.config.settings.int64("socket.request.max.bytes"))
        dispatcher = RequestDispatcher.standard()
    }

    /// Binds every broker's listener. A port already in use is reported in one sentence.
    public func start() throws {
        cluster.startBackgroundWork(on: group)
        cluster.setListenerHook { [weak self] id, open in
            guard let self else { return }
            if open { self.reopenListener(id) } else { self.stopListener(id) }
        }
        for broker in cluster.brokers { try startListener(broker.id) }
    }

    public func startListener(_ brokerId: Int32) throws {
        guard let broker = cluster.broker(brokerId) else { throw ServerError("There is no broker \(brokerId).") }
        if listeners.withLock({ $0[brokerId] }) != nil { return }
        let host = cluster.config.host
        do {
            let channel = try bootstrap(for: broker).bind(host: host, port: broker.port).wait()
            listeners.withLock { $0[brokerId] = channel }
            logger.info("Broker \(brokerId) listening on \(host):\(broker.port)")
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServerError("Port \(broker.port) on \(host) is already in use; stop what is using it or choose another with --port.")
        } catch {
            throw ServerError("Cannot listen on \(host):\(broker.port): \(error).")
        }
    }

    /// Opens a restarted broker's listener without blocking the caller (which may be an event loop).
    private func reopenListener(_ brokerId: Int32) {
        guard let broker = cluster.broker(brokerId), listeners.withLock({ $0[brokerId] }) == nil else { return }
        let host = cluster.config.host
        bootstrap(for: broker).bind(host: host, port: broker.port).whenComplete { [self] result in
            switch result {
            case .success(let channel):
                listeners.withLock { $0[brokerId] = channel }
                logger.info("Broker \(brokerId) listening on \(host):\(broker.port) again")
            case .failure(let error):
                logger.error("Broker \(brokerId) could not listen on \(host):\(broker.port) again: \(error)")
            }
        }
    }

    private func bootstrap(for broker: Broker) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536, maximum: 4 << 20))
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel, broker: broker) }
            }
    }

    private func configure(_ channel: Channel, broker: Broker) throws {
        let open = connections.wrappingAdd(1, ordering: .relaxed).newValue
        let key = ObjectIdentifier(channel)
        accepted.withLock { $0[broker.id, default: [:]][key] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = connections.wrappingSubtract(1, ordering: .relaxed)
            accepted.withLock { $0[broker.id]?[key] = nil }
        }
        if open > maxConnectionsPerListener * cluster.brokers.count {
            logger.warning("Refusing a connection: \(open - 1) connections are already open.")
            channel.close(promise: nil)
            return
        }
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: maxFrameSize)))
        try channel.pipeline.syncOperations.addHandler(
            ConnectionHandler(broker: broker, cluster: cluster, dispatcher: dispatcher, logger: logger))
    }

    /// Closes one broker's listener and every connection it accepted. Does not block.
    public func stopListener(_ brokerId: Int32) {
        let listener = listeners.withLock { $0.removeValue(forKey: brokerId) }
        listener?.close(promise: nil)
        let clients = accepted.withLock { $0.removeValue(forKey: brokerId) ?? [:] }
        for client in clients.values { client.close(promise: nil) }
        if listener != nil { logger.info("Broker \(brokerId) stopped listening") }
    }

    public var openConnections: Int { connections.load(ordering: .relaxed) }

    /// Closes every listener. The cluster is left open for its owner to shut down.
    public func stop() {
        let all = listeners.withLock { table -> [Channel] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for listener in all { try? listener.close().wait() }
        let clients = accepted.withLock { table -> [Channel] in
            defer { table.removeAll() }
            return table.values.flatMap(\.values)
        }
        for client in clients { client.close(promise: nil) }
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
        dispatcher.registerOffsetForLeaderEpoch()
        dispatcher.registerElectLeaders()
        dispatcher.registerSamsaCluster()
        dispatcher.registerApiVersionsLast()
        return dispatcher
    }
}
