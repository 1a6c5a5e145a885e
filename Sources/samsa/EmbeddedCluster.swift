import Logging
import NIOCore
import NIOPosix
import SamsaEngine
import SamsaServer

/// Brokers in this process behind real listeners: the engine's cluster plus one NIO listener per broker, as
/// the workbench and `samsa perf tui` run them. Other Kafka clients can connect to `bootstrap` meanwhile.
final class EmbeddedCluster {
    let cluster: Cluster
    /// Every broker's host:port, comma-separated.
    let bootstrap: String
    private let server: KafkaServer
    private let group: MultiThreadedEventLoopGroup
    private var stopped = false

    /// Starts the brokers; on failure (a busy port, a locked data directory) nothing is left running.
    init(options: ServerOptions, logger: Logger) throws {
        let config = try options.clusterConfig()
        cluster = try Cluster(config: config, logger: logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        server = KafkaServer(cluster: cluster, group: group, logger: logger)
        bootstrap = config.ports.map { "\(config.host):\($0)" }.joined(separator: ",")
        do {
            try server.start()
        } catch {
            shutdown()
            throw error
        }
    }

    /// Stops the listeners, then the brokers (flushing and closing every log). Idempotent.
    func shutdown() {
        guard !stopped else { return }
        stopped = true
        server.stop()
        cluster.shutdown()
        try? group.syncShutdownGracefully()
    }
}
