import ArgumentParser
import Foundation
import SamsaClient

/// `--bootstrap-server` and `--command-config`, shared by every client command.
struct BootstrapOptions: ParsableArguments {
    @Option(name: .customLong("bootstrap-server"), help: "Broker(s) to connect to, host:port[,host:port…].")
    var bootstrapServer: String = "localhost:9092"

    @Option(name: .customLong("command-timeout-ms"), help: "How long to wait for the cluster to answer (ms).")
    var timeoutMs: Int = 30000

    @Option(name: .customLong("command-config"),
            help: ArgumentHelp("Client properties file: security.protocol, ssl.*, sasl.* (Kafka's and librdkafka's names).", valueName: "file"))
    var commandConfig: String?

    func validate() throws {
        do {
            _ = try BrokerAddress.parseList(bootstrapServer)
        } catch {
            throw ValidationError("--bootstrap-server: \(error)")
        }
    }

    /// Keys of a client properties file every client takes; the others belong to a producer or consumer.
    static let clientKeys: Set<String> = ["bootstrap.servers", "client.id", "request.timeout.ms"]

    /// The client settings, with `file` (else `--command-config`) read for security; returns the file's keys that
    /// are neither security nor client-wide, for a producer or consumer to take.
    func clientConfig(id: String, file: String? = nil) throws -> (ClientConfig, [String: String]) {
        var config = try ClientConfig(bootstrap: bootstrapServer, clientId: id)
        config.requestTimeout = .milliseconds(Int64(timeoutMs))
        guard let path = file ?? commandConfig else { return (config, [:]) }
        let parsed = try ClientSecurity.load(path: path)
        config.security = parsed.security
        // Fails here, with the file's name in the sentence, rather than at every connection.
        _ = try parsed.security.makeSSLContext()
        if let clientId = parsed.others["client.id"] { config.clientId = clientId }
        if let text = parsed.others["request.timeout.ms"] {
            guard let ms = Int64(text), ms > 0 else { throw ValidationError("request.timeout.ms in \(path) must be a positive number, not \"\(text)\".") }
            config.requestTimeout = .milliseconds(ms)
        }
        return (config, parsed.others.filter { !Self.clientKeys.contains($0.key) })
    }

    func client(id: String) throws -> KafkaClient {
        let (config, others) = try clientConfig(id: id)
        Self.warnUnknown(others.keys, file: commandConfig)
        return KafkaClient(config: config)
    }

    /// Kafka's tools log such keys and go on; so does samsa.
    static func warnUnknown<Keys: Sequence<String>>(_ keys: Keys, file: String?) {
        for key in keys.sorted() {
            FileHandle.standardError.write(Data("Warning: the property \(key) in \(file ?? "the client properties") is not a known client setting; it is ignored.\n".utf8))
        }
    }
}
