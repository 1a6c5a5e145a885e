import ArgumentParser
import Foundation
import Logging
import SamsaClient
import SamsaEngine
import SamsaServer
import SamsaTUI

/// `samsa` / `samsa tui`: the workbench. By default it runs an embedded three-broker cluster and shows it;
/// with --bootstrap-server it attaches to any Kafka-protocol cluster instead (no fault menu there).
struct TuiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The workbench: a live view of a Kafka cluster, with a producer, consumers, faults and a guided tour.",
        discussion: """
        Without --bootstrap-server it starts an embedded cluster (three brokers on 127.0.0.1:9092-9094 by default) that
        other Kafka clients can use at the same time. Press ? inside for every key.
        """)

    @Option(name: .customLong("bootstrap-server"), help: "Attach to this cluster (host:port[,…]) instead of starting one.")
    var bootstrapServer: String?
    @Option(name: .customLong("command-config"),
            help: ArgumentHelp("With --bootstrap-server: client properties file (security.protocol, ssl.*, sasl.*) for a secured cluster.", valueName: "file"))
    var commandConfig: String?
    @Option(name: .customLong("connect-url"),
            help: ArgumentHelp("Show this Kafka Connect cluster's REST API (http://host:port) in the Connect view instead of a worker of the workbench's own; needs --bootstrap-server.", valueName: "url"))
    var connectURLs: [String] = []
    @Option(help: "Brokers of the embedded cluster.") var brokers: Int = 3
    @Option(help: "Port of the first embedded broker.") var port: Int = 9092
    @Option(name: .customLong("data-dir"), help: "Data directory of the embedded cluster.")
    var dataDir: String = "/tmp/samsa-workbench"
    @Option(name: .customLong("override"), help: ArgumentHelp("A broker property for the embedded cluster, key=value (repeatable).", valueName: "key=value"))
    var overrides: [String] = []
    @Option(help: "Theme: default, light, high-contrast, monochrome, or one in ~/.config/samsa/themes.") var theme: String = "default"
    @Option(help: "Colours: 256, 8 or none (default: what the terminal supports; NO_COLOR is honoured).") var color: String?
    @Option(name: .customLong("lang"), help: "Language of the guided tour: en or ko.") var language: String = "en"
    @Flag(help: "Open the guided tour of Kafka's quick start at once.") var tour = false
    @Option(name: .customLong("log-file"), help: "Write the workbench's logs to this file (default: an in-app log pane).")
    var logFile: String?
    @Flag(help: "Print every key binding as a Markdown table and exit.") var keys = false

    func validate() throws {
        if let color, ColorMode(rawValue: color) == nil { throw ValidationError("--color must be 256, 8 or none, not \"\(color)\".") }
        if TourLanguage(rawValue: language) == nil { throw ValidationError("--lang must be en or ko, not \"\(language)\".") }
        for item in overrides where !item.contains("=") { throw ValidationError("--override expects key=value, not \"\(item)\".") }
        if bootstrapServer != nil && (!overrides.isEmpty || brokers != 3 || port != 9092) {
            throw ValidationError("--brokers, --port and --override set up the embedded cluster; they do not go with --bootstrap-server.")
        }
        if commandConfig != nil && bootstrapServer == nil {
            throw ValidationError("--command-config sets up the clients of an attached cluster: give --bootstrap-server too.")
        }
        if let commandConfig {
            do {
                _ = try ClientSecurity.load(path: commandConfig).security.makeSSLContext()
            } catch let error as ClientError {
                throw ValidationError(error.description)
            }
        }
        let urls = connectURLList
        if !urls.isEmpty && bootstrapServer == nil {
            throw ValidationError("--connect-url shows a Connect cluster next to an attached one: give --bootstrap-server too.")
        }
        if urls.count > 1 { throw ValidationError("Give one --connect-url (any worker of a Connect cluster answers for all of them).") }
        if let url = urls.first, let problem = ConnectRemoteLauncher.check(url) { throw ValidationError(problem) }
    }

    func run() async throws {
        if keys {
            print(KeyMap.standard.markdownTable)
            return
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandle.standardError.write(Data("The workbench needs a terminal; without one, run `samsa server` and the command-line tools.\n".utf8))
            throw ExitCode(1)
        }
        let logs = LogBuffer()
        let destination: LogDestination = logFile.map { .file(path: $0) } ?? .buffer(logs)
        // Before anything logs: under curses, logs must never reach the screen.
        LoggingSystem.bootstrap { WorkbenchLogHandler(label: $0, destination: destination) }
        let options = WorkbenchOptions(themeName: theme, colorMode: color.flatMap(ColorMode.init(rawValue:)),
                                       logDestination: destination, language: TourLanguage(rawValue: language) ?? .english,
                                       showTour: tour)
        if let bootstrapServer {
            try await runAttached(bootstrapServer, options: options)
        } else {
            try await runEmbedded(options: options)
        }
    }

    private func runEmbedded(options: WorkbenchOptions) async throws {
        var serverOptions = ServerOptions(port: port, dataDirectory: dataDir, brokers: brokers)
        for item in overrides {
            let parts = item.split(separator: "=", maxSplits: 1)
            serverOptions.properties[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let embedded = try await EmbeddedCluster.start(options: serverOptions, logger: Logger(label: "samsa"))
        let source: EmbeddedSource
        do {
            source = try EmbeddedSource(cluster: embedded.cluster, bootstrap: embedded.bootstrap,
                                        addListener: { try await embedded.addListener($0) })
        } catch {
            await embedded.shutdown()
            throw error
        }
        source.start()
        do {
            try await runWorkbench(source: source, options: options)
        } catch {
            await source.close()
            await embedded.shutdown()
            throw error
        }
        await source.close()
        await embedded.shutdown()
    }

    /// `--connect-url a --connect-url b` and `--connect-url a,b` alike.
    private var connectURLList: [String] {
        connectURLs.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func runAttached(_ bootstrap: String, options: WorkbenchOptions) async throws {
        let security = try commandConfig.map { try ClientSecurity.load(path: $0).security } ?? .plaintext
        let source: AttachSource
        if let url = connectURLList.first {
            source = try AttachSource(bootstrap: bootstrap, connectLauncher: ConnectRemoteLauncher.launcher(url: url), security: security)
            source.startConnect()
        } else {
            source = try AttachSource(bootstrap: bootstrap, security: security)
        }
        source.start()
        do {
            try await runWorkbench(source: source, options: options)
        } catch {
            await source.close()
            throw error
        }
        await source.close()
    }
}
