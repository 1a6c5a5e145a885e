import ArgumentParser
import Foundation
import Logging
import NIOPosix
import SamsaConnect
import SamsaProtocol
import Synchronization

/// `samsa connect-standalone WORKER.properties [CONNECTOR.properties|CONNECTOR.json …]`: Kafka's
/// `connect-standalone.sh` with Kafka's own files.
struct ConnectStandaloneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect-standalone",
        abstract: "Run Kafka Connect in standalone mode with Kafka's worker and connector files.",
        discussion: """
            Runs connectors as Kafka's connect-standalone.sh does: the worker file names the cluster \
            (bootstrap.servers), the converters and the offsets file; each connector file (properties or \
            JSON) starts one connector. Ctrl-C stops cleanly, committing offsets; a second Ctrl-C quits at once.
            Kafka's quick-start files: samsa connect-standalone --example-config DIR
            """)

    @Argument(help: "The worker properties file, then connector files (.properties or .json).")
    var files: [String] = []

    @Option(name: .customLong("example-config"), help: "Write Kafka's quick-start files (connect-standalone.properties, connect-file-source.properties, connect-file-sink.properties) into this directory and exit.")
    var exampleConfig: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "warning"

    func validate() throws {
        if exampleConfig == nil && files.isEmpty {
            throw ValidationError("Usage: samsa connect-standalone WORKER.properties [CONNECTOR.properties|CONNECTOR.json ...]")
        }
    }

    func run() async throws {
        if let directory = exampleConfig { return try writeExamples(directory) }
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let workerFile = files[0]
        guard let text = try? String(contentsOfFile: workerFile, encoding: .utf8) else {
            throw fail("Cannot read the worker configuration file '\(workerFile)'.")
        }
        let config: WorkerConfig
        do {
            config = try WorkerConfig(properties: try JavaProperties.parse(text), distributed: false)
        } catch {
            throw fail("\(workerFile): \(error)")
        }
        for warning in config.warnings { say("Warning: \(warning)") }
        let connectorFiles: [ConnectorConfigFile]
        do {
            connectorFiles = try files.dropFirst().map(ConnectorConfigFile.load)
        } catch {
            throw fail("\(error)")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let rest = ConnectRestServer(listeners: config.listeners, group: group)
        do {
            try await rest.start()
        } catch {
            throw fail("\(error)")
        }
        let workerId = Self.workerId(config, advertisedURL: rest.advertisedURL)
        let herder = StandaloneHerder(workerConfig: config, workerId: workerId, logger: Logger(label: "samsa.connect"))
        do {
            try await herder.start()
        } catch {
            await rest.stop()
            throw fail("\(error)")
        }
        rest.attach(herder)
        herder.setRestURL(rest.advertisedURL)
        say("Kafka Connect standalone worker \(workerId), Kafka cluster at \(config.bootstrapServers); source offsets in \(config.offsetStorageFile ?? ""); REST API at \(rest.advertisedURL ?? "-").")
        for file in connectorFiles {
            do {
                let (_, info) = try await herder.putConnectorConfig(file.name, config: file.config, initialState: file.initialState, allowReplace: false)
                say("Created connector \(info.name) (\(info.config["connector.class"] ?? ""), \(info.tasks.count) task\(info.tasks.count == 1 ? "" : "s")).")
            } catch {
                await herder.stop()
                await rest.stop()
                say("Failed to create connector for \(file.name): \(error)")
                throw ExitCode(3)
            }
        }
        await runUntilInterrupted(herder)
        await rest.stop()
        try? await group.shutdownGracefully()
    }

    private func runUntilInterrupted(_ herder: StandaloneHerder) async {
        let (stopped, stop) = AsyncStream<Void>.makeStream()
        let signals = Mutex(0)
        let interrupt = Interrupt {
            if signals.withLock({ count in count += 1; return count }) > 1 {
                say("Stopped without committing; a restart resumes from the last committed offsets.")
                Foundation.exit(130)
            }
            stop.finish()
        }
        let status = Task {
            var last: [String] = []
            while !Task.isCancelled {
                let lines = ConnectStatusLines.lines(herder.snapshot())
                for line in lines where !last.contains(line) { say(line) }
                last = lines
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        for await _ in stopped {}
        status.cancel()
        say("Stopping… committing offsets (Ctrl-C again to quit at once)")
        await herder.stop()
        withExtendedLifetime(interrupt) {}
        say("Stopped.")
    }

    private func writeExamples(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, text) in ConnectStandaloneExamples.files {
                let path = (directory as NSString).appendingPathComponent(name)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                print(path)
            }
        } catch {
            throw fail("Cannot write Kafka's quick-start files into '\(directory)': \(error.localizedDescription)")
        }
    }

    /// Kafka names a worker by its advertised REST host and port.
    static func workerId(_ config: WorkerConfig, advertisedURL: String?) -> String {
        let listener = config.restAdvertisedHostName.map { "http://\($0):\(config.restAdvertisedPort ?? 8083)" }
            ?? advertisedURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? config.listeners.first ?? "http://:8083"
        let hostPort = listener.components(separatedBy: "://").last ?? ":8083"
        let parts = hostPort.split(separator: ":", omittingEmptySubsequences: false)
        let host = parts.first.map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let port = parts.count > 1 ? String(parts[1]) : "8083"
        return "\(host):\(port)"
    }

    private func fail(_ sentence: String) -> ExitCode {
        say("Error: \(sentence)")
        return ExitCode.failure
    }
}

private func say(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// One line per connector and task state, printed when it changes.
enum ConnectStatusLines {
    static func lines(_ snapshot: ConnectSnapshot) -> [String] {
        snapshot.connectors.flatMap { c -> [String] in
            var out = ["Connector \(c.name) \(c.state.rawValue)" + (c.trace.map { ": \($0)" } ?? "")]
            for t in c.tasks where t.state != .unassigned {
                out.append("Task \(c.name)-\(t.id) \(t.state.rawValue)" + (t.trace.map { ": \($0)" } ?? ""))
            }
            return out
        }
    }
}
