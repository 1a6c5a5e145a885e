import ArgumentParser
import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import SamsaEngine
import SamsaServer

/// `samsa server`: like zookeeper + kafka-server-start in one.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run Kafka-compatible brokers in the foreground (Ctrl-C stops them cleanly).",
        discussion: """
        One broker listens on 127.0.0.1:9092 by default; --brokers N runs N brokers on consecutive ports.
        Kafka's listeners (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL, listener.security.protocol.map) and ssl.*
        settings come from --config or --override; --host and --port set the first listener.
        Data lives in --data-dir and survives restarts; delete that directory to wipe everything.
        """
    )

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port of the first broker (default 9092).")
    var port: Int?

    @Option(name: .long, help: "Directory for logs and metadata (default \(ServerOptions.defaultDataDirectory)).")
    var dataDir: String?

    @Option(name: .long, help: "Number of brokers to run in this process.")
    var brokers: Int = 1

    @Option(name: .long, help: "A Kafka server.properties file; flags override it.")
    var config: String?

    @Option(name: .customLong("override"), help: ArgumentHelp("Set a broker property, as key=value (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Option(name: .customLong("add-scram"), help: ArgumentHelp(
        "Add a SCRAM user at start, as kafka-storage format does: 'SCRAM-SHA-256=[name=alice,password=alice-secret]' (repeatable).",
        valueName: "mechanism=[name=…,password=…]"))
    var addScram: [String] = []

    @Flag(name: .long, help: "fsync every append before acknowledging it (log.flush.interval.messages=1).")
    var fsync = false

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func validate() throws {
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        for item in addScram {
            do { _ = try ScramCredentialArgument(parsing: item) } catch { throw ValidationError("--add-scram: \(error)") }
        }
        for item in overrides where !item.contains("=") {
            throw ValidationError("--override expects key=value, not \"\(item)\".")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "samsa")
        var options = ServerOptions(host: host, port: port, dataDirectory: dataDir, brokers: brokers)
        if let config {
            let ignored = try options.load(propertiesFile: config)
            if !ignored.isEmpty { logger.notice("Ignoring properties that do not apply to samsa: \(ignored.joined(separator: ", "))") }
        }
        for item in overrides {
            let parts = item.split(separator: "=", maxSplits: 1)
            options.properties[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        if fsync { options.properties["log.flush.interval.messages"] = "1" }
        let clusterConfig = try options.clusterConfig()
        try clusterConfig.checkTLSListeners()
        let cluster = try Cluster(config: clusterConfig, logger: logger)
        do {
            for item in addScram {
                let credential = try ScramCredentialArgument(parsing: item)
                if try credential.apply(to: cluster) { logger.info("Added \(credential.mechanism) credential for user \(credential.user)") }
            }
        } catch {
            await cluster.stop()
            throw error
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let server = KafkaServer(cluster: cluster, group: group, logger: logger)
        do {
            try await server.start()
        } catch {
            await server.stop()
            await cluster.stop()
            try? await group.shutdownGracefully()
            throw error
        }
        let ports = cluster.brokers.map { String($0.port) }.joined(separator: ", ")
        let others = clusterConfig.listeners.dropFirst().map { listener in
            "\(listener.name) on \(listener.host) port(s) " + cluster.brokers.map { String($0.port(listener: listener.name) ?? 0) }.joined(separator: ", ")
        }
        let first = clusterConfig.listeners[0].name
        let listening = "port(s) \(ports) (\(first))" + others.map { "; \($0)" }.joined()
        logger.info("Samsa is ready: \(clusterConfig.brokerCount) broker(s) on \(clusterConfig.host) \(listening), data in \(clusterConfig.dataDirectory)")
        await SignalWaiter.waitForTermination()
        logger.info("Shutting down")
        await server.stop()
        await cluster.stop()
        try? await group.shutdownGracefully()
        logger.info("Stopped cleanly")
    }
}
