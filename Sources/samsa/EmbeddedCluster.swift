import Logging
import NIOCore
import NIOPosix
import SamsaEngine
import SamsaServer

/// Brokers in this process behind real listeners: the engine's cluster plus one NIO listener per broker, as
/// the workbench and `samsa perf tui` run them. Other Kafka clients can connect to `bootstrap` meanwhile.
final class EmbeddedCluster: Sendable {
    let cluster: Cluster
    private let server: KafkaServer
    private let group: MultiThreadedEventLoopGroup

    /// Starts the brokers; on failure (a busy port, a locked data directory) nothing is left running.
    static func start(options: ServerOptions, logger: Logger) async throws -> EmbeddedCluster {
        let config = try options.clusterConfig()
        let cluster = try Cluster(config: config, logger: logger)
        let embedded = EmbeddedCluster(cluster: cluster, logger: logger)
        do {
            try await embedded.server.start()
        } catch {
            await embedded.shutdown()
            throw error
        }
        return embedded
    }

    private init(cluster: Cluster, logger: Logger) {
        self.cluster = cluster
        group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        server = KafkaServer(cluster: cluster, group: group, logger: logger)
    }

    /// Opens one more listener on every running broker (the workbench's security demo).
    func addListener(_ spec: ListenerSpec) async throws -> [Int32: Int] { try await server.addListener(spec) }

    /// Every broker's host:port, comma-separated.
    var bootstrap: String {
        cluster.brokers.map { "\(cluster.config.host):\($0.port)" }.joined(separator: ",")
    }

    /// Stops the listeners, then the brokers (flushing and closing every log). Idempotent.
    func shutdown() async {
        await server.stop()
        await cluster.stop()
        try? await group.shutdownGracefully()
    }
}
