import ArgumentParser
import SamsaClient

/// `--bootstrap-server`, shared by every client command.
struct BootstrapOptions: ParsableArguments {
    @Option(name: .customLong("bootstrap-server"), help: "Broker(s) to connect to, host:port[,host:port…].")
    var bootstrapServer: String = "localhost:9092"

    @Option(name: .customLong("command-timeout-ms"), help: "How long to wait for the cluster to answer (ms).")
    var timeoutMs: Int = 30000

    func validate() throws {
        do {
            _ = try BrokerAddress.parseList(bootstrapServer)
        } catch {
            throw ValidationError("--bootstrap-server: \(error)")
        }
    }

    func client(id: String) throws -> KafkaClient {
        var config = try ClientConfig(bootstrap: bootstrapServer, clientId: id)
        config.requestTimeout = .milliseconds(Int64(timeoutMs))
        return KafkaClient(config: config)
    }
}
