import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SamsaProtocol
import Synchronization

/// Connections to a cluster's brokers and the metadata that says which broker leads what. Producers,
/// consumers and the admin client share one.
///
/// Thread-safety: every method may be called concurrently.
public final class KafkaClient: Sendable {
    public let config: ClientConfig
    public let group: EventLoopGroup
    private let ownsGroup: Bool
    private let connections: Mutex<[Int32: Task<BrokerConnection, Error>]> = Mutex([:])
    private let bootstrapConnection: Mutex<Task<BrokerConnection, Error>?> = Mutex(nil)
    private let view: Mutex<ClusterView> = Mutex(ClusterView())
    /// Built once from `config.security` and shared by every connection; a bad file fails every connect alike.
    private let tlsContext: NIOSSLContext?
    private let tlsProblem: ClientError?
    let logger: Logger

    public init(config: ClientConfig, group: EventLoopGroup? = nil, logger: Logger = Logger(label: "samsa.client")) {
        self.config = config
        self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
        ownsGroup = group == nil
        self.logger = logger
        do {
            tlsContext = try config.security.makeSSLContext()
            tlsProblem = nil
        } catch {
            tlsContext = nil
            tlsProblem = error as? ClientError ?? .invalidArgument("\(error)")
        }
    }

    /// A new connection to `address` with this client's settings (TLS, SASL, timeouts).
    public func open(_ address: BrokerAddress) async throws -> BrokerConnection {
        if let tlsProblem { throw tlsProblem }
        return try await BrokerConnection.connect(to: address, group: group, clientId: config.clientId,
                                           connectTimeout: config.connectTimeout, requestTimeout: config.requestTimeout,
                                           tls: tlsContext, sasl: config.security.sasl)
    }

    public convenience init(bootstrap: String, clientId: String = "samsa") throws {
        self.init(config: try ClientConfig(bootstrap: bootstrap, clientId: clientId))
    }

    public var cluster: ClusterView { view.withLock { $0 } }

    // MARK: Connections

    /// A connection to broker `id`, opened on first use and reused after.
    public func connection(to id: Int32) async throws -> BrokerConnection {
        let task = connections.withLock { table -> Task<BrokerConnection, Error>? in
            if let existing = table[id] { return existing }
            guard let address = view.withLock({ $0.brokers[id] }) else { return nil }
            let task = Task { try await self.open(address) }
            table[id] = task
            return task
        }
        guard let task else { throw ClientError.broker(.brokerNotAvailable, "Broker \(id) is not in the cluster metadata.") }
        do {
            let connection = try await task.value
            if connection.isActive { return connection }
            forget(id, task)
            return try await self.connection(to: id)
        } catch {
            forget(id, task)
            throw error
        }
    }

    private func forget(_ id: Int32, _ task: Task<BrokerConnection, Error>) {
        connections.withLock { table in
            if let current = table[id], current == task { table[id] = nil }
        }
    }

    /// Drops a broker's connection after an error so the next call reconnects.
    public func disconnect(_ id: Int32) {
        let task = connections.withLock { $0.removeValue(forKey: id) }
        task?.cancel()
        Task { (try? await task?.value)?.close() }
    }

    /// Any live broker: a known one first, else the bootstrap servers in order.
    public func anyConnection() async throws -> BrokerConnection {
        for id in view.withLock({ Array($0.brokers.keys).sorted() }) {
            if let connection = try? await connection(to: id) { return connection }
        }
        return try await bootstrap()
    }

    private func bootstrap() async throws -> BrokerConnection {
        let task = bootstrapConnection.withLock { current -> Task<BrokerConnection, Error> in
            if let current { return current }
            let task = Task { [config] () throws -> BrokerConnection in
                var lastError: Error = ClientError.noBrokers
                for address in config.bootstrapServers {
                    do {
                        return try await self.open(address)
                    } catch let error as ClientError where error.isSecurityFailure {
                        throw error  // the next bootstrap server would refuse the same login
                    } catch {
                        lastError = error
                    }
                }
                throw lastError
            }
            current = task
            return task
        }
        do {
            let connection = try await task.value
            if connection.isActive { return connection }
        } catch {
            bootstrapConnection.withLock { if $0 == task { $0 = nil } }
            throw error
        }
        bootstrapConnection.withLock { if $0 == task { $0 = nil } }
        return try await bootstrap()
    }

    // MARK: Metadata

    /// Asks for metadata of `topics` (nil: all) and merges it into the cached view.
    @discardableResult
    public func refreshMetadata(topics: [String]? = nil, allowAutoCreate: Bool = false) async throws -> ClusterView {
        let connection = try await anyConnection()
        let response: MetadataResponse
        do {
            response = try await connection.send(MetadataRequest(topicNames: topics, allowAutoTopicCreation: allowAutoCreate))
        } catch {
            connection.close()
            throw error
        }
        return view.withLock { current in
            current = ClusterView(response, merging: current, complete: topics == nil)
            return current
        }
    }

    /// Topic metadata, from the cache when fresh enough.
    public func topic(_ name: String, allowAutoCreate: Bool = false) async throws -> ClusterView.TopicInfo {
        if let cached = view.withLock({ $0.fetchedAt + config.metadataMaxAge > .now() ? $0.topics[name] : nil }) {
            return cached
        }
        let fresh = try await refreshMetadata(topics: [name], allowAutoCreate: allowAutoCreate)
        guard let info = fresh.topics[name] else {
            throw ClientError.broker(.unknownTopicOrPartition, "Topic '\(name)' does not exist.")
        }
        return info
    }

    /// The connection to the leader of a partition.
    public func leaderConnection(topic: String, partition: Int32) async throws -> (Int32, BrokerConnection) {
        var leader = view.withLock { $0.leader(of: topic, partition: partition) }
        if leader == nil {
            leader = try await refreshMetadata(topics: [topic]).leader(of: topic, partition: partition)
        }
        guard let leader else {
            throw ClientError.broker(.leaderNotAvailable, "No leader is known for \(topic)-\(partition).")
        }
        return (leader, try await connection(to: leader))
    }

    /// Closes every connection (and the event loop if this client made it).
    public func close() async {
        let tasks = connections.withLock { table -> [Task<BrokerConnection, Error>] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for task in tasks { (try? await task.value)?.close() }
        if let boot = bootstrapConnection.withLock({ $0 }) { (try? await boot.value)?.close() }
        if ownsGroup { try? await group.shutdownGracefully() }
    }
}
