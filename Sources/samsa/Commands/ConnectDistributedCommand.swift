import ArgumentParser
import Foundation
import Logging
import NIOPosix
import SamsaClient
import SamsaConnect
import SamsaProtocol
import Synchronization

/// `samsa connect-distributed config/connect-distributed.properties`: one Kafka Connect worker in distributed
/// mode, with Kafka's worker file. Workers with the same `group.id` share connectors through the cluster.
struct ConnectDistributedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect-distributed",
        abstract: "Run a Kafka Connect worker in distributed mode (Kafka's connect-distributed.sh).")

    @Argument(help: "The worker's properties file (Kafka's config/connect-distributed.properties).")
    var workerProperties: String

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning or error.")
    var logLevel = "info"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "samsa.connect")
        guard let text = try? String(contentsOfFile: workerProperties, encoding: .utf8) else {
            throw Self.fail("Cannot read the worker configuration file '\(workerProperties)'.")
        }
        let config: WorkerConfig
        do {
            config = try WorkerConfig(properties: try JavaProperties.parse(text), distributed: true)
        } catch {
            throw Self.fail("\(workerProperties): \(error)")
        }
        for warning in config.warnings { Self.say("Warning: \(warning)") }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let rest = ConnectRestServer(listeners: config.listeners, group: group, logger: logger)
        do {
            try await rest.start()
        } catch {
            try? await group.shutdownGracefully()
            throw Self.fail("\(error)")
        }
        let restURL = Self.advertisedURL(config: config, rest: rest)
        let client: KafkaClient
        do {
            client = KafkaClient(config: try config.clientConfig(clientId: config.clientId ?? "connect-\(restURL)"),
                                 group: group, logger: logger)
        } catch {
            await rest.stop()
            throw Self.fail("bootstrap.servers: \(error)")
        }
        let herder: DistributedHerder
        do {
            herder = try DistributedHerder(config: config, client: client, restURL: restURL, forwardsWritesToLeader: true, logger: logger)
            try await herder.start()
        } catch {
            await rest.stop()
            throw Self.fail("\(error)")
        }
        rest.attach(herder)
        logger.info("Kafka Connect worker \(herder.workerId) started (group \(herder.groupId)); REST at \(restURL)")

        let (stopped, stop) = AsyncStream<Void>.makeStream()
        let interrupt = Interrupt { stop.finish() }
        for await _ in stopped {}
        withExtendedLifetime(interrupt) {}
        logger.info("Kafka Connect worker stopping")
        await rest.stop()
        await herder.stop()
        await client.close()
        try? await group.shutdownGracefully()
    }

    /// `rest.advertised.host.name`/`port` when set, else what the REST server bound.
    static func advertisedURL(config: WorkerConfig, rest: ConnectRestServer) -> String {
        let bound = rest.advertisedURL ?? "http://localhost:8083/"
        guard config.restAdvertisedHostName != nil || config.restAdvertisedPort != nil, let first = rest.listeners.first else { return bound }
        let host = config.restAdvertisedHostName ?? (first.host.isEmpty ? ProcessInfo.processInfo.hostName : first.host)
        return "\(first.scheme)://\(host):\(config.restAdvertisedPort ?? first.port)/"
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func fail(_ sentence: String) -> ExitCode {
        say("Error: \(sentence)")
        return ExitCode.failure
    }
}
