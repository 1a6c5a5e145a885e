import ArgumentParser
import Foundation
import Logging
import SamsaProtocol
import SamsaStreams

/// What every `samsa streams` demo takes: where the cluster is, the application's id, topics and settings.
struct StreamsOptions: ParsableArguments {
    @Option(name: .customLong("bootstrap-server"), help: "Broker(s) to connect to, host:port[,host:port…] (default localhost:9092).")
    var bootstrapServer: String?
    @Option(name: .customLong("application-id"), help: "application.id: the consumer group and the prefix of internal topics (default: the demo's, e.g. streams-wordcount).")
    var applicationId: String?
    @Option(help: "The topic to read (default streams-plaintext-input).") var input: String?
    @Option(help: "The topic to write (default: the demo's, e.g. streams-wordcount-output).") var output: String?
    @Option(name: .customLong("state-dir"), help: "state.dir: where state stores live (default /tmp/kafka-streams).")
    var stateDir: String?
    @Option(name: .customLong("processing-guarantee"), help: "at_least_once (default) or exactly_once_v2.")
    var processingGuarantee: String?
    @Option(name: .customLong("num-stream-threads"), help: "num.stream.threads (default 1).") var numStreamThreads: Int?
    @Option(help: ArgumentHelp("A Kafka Streams properties file (application.id, commit.interval.ms, …); flags override it.", valueName: "file"))
    var config: String?
    @Option(name: .customLong("status-interval-ms"), help: "How often to print the status line to stderr.")
    var statusIntervalMs: Int = 5000
    @Option(name: .customLong("log-level"), help: "The library's log level on stderr: trace, debug, info, notice, warning (default), error.")
    var logLevel: String = "warning"

    /// The flags given, under Kafka's property names.
    var flagProperties: [String: String] {
        var flags: [String: String] = [:]
        flags["bootstrap.servers"] = bootstrapServer
        flags["application.id"] = applicationId
        flags["state.dir"] = stateDir
        flags["processing.guarantee"] = processingGuarantee
        flags["num.stream.threads"] = numStreamThreads.map(String.init)
        return flags
    }

    func validate() throws {
        if let processingGuarantee, !["at_least_once", "exactly_once_v2"].contains(processingGuarantee) {
            throw ValidationError("--processing-guarantee must be at_least_once or exactly_once_v2, not \"\(processingGuarantee)\".")
        }
        if let numStreamThreads, numStreamThreads < 1 { throw ValidationError("--num-stream-threads must be at least 1.") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical.") }
        if statusIntervalMs < 100 { throw ValidationError("--status-interval-ms must be at least 100.") }
        if let input, input.isEmpty { throw ValidationError("--input must not be empty.") }
        if let output, output.isEmpty { throw ValidationError("--output must not be empty.") }
        _ = try streamsConfig(defaultApplicationId: "streams-demo")
    }

    /// The application's config: its default id, the --config file, then the flags.
    func streamsConfig(defaultApplicationId: String, defaults: [String: String] = [:]) throws
        -> (config: StreamsConfig, warnings: [String]) {
        var file: [String: String] = [:]
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else { throw ValidationError("Cannot read config file \(config).") }
            do {
                file = try JavaProperties.parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw ValidationError("Config file \(config) is malformed at \(error).")
            }
        }
        do {
            return try DemoConfig.make(applicationId: defaultApplicationId, defaults: defaults, file: file, flags: flagProperties)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
