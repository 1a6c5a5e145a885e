import ArgumentParser
import Foundation
import SamsaClient
import SamsaConnect
import SamsaStreams
import Testing
@testable import samsa

/// `--command-config`, `--producer.config`, `--consumer.config`, `samsa tui --command-config`, and the security
/// keys Streams and Connect pass to their clients.
@Suite struct SecurityCommandTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samsa-cmd-\(UUID()).properties").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let scram = "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.username=alice\nsasl.password=pw\n"

    @Test func everyClientCommandTakesACommandConfig() throws {
        let path = try Self.file(Self.scram + "client.id=mine\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let command = try #require(try Samsa.parseAsRoot(["topics", "--list", "--command-config", path]) as? TopicsCommand)
        let (config, others) = try command.connection.clientConfig(id: "samsa-topics")
        #expect(config.security.sasl == ClientSecurity.SASL(mechanism: .scram(.sha512), username: "alice", password: "pw"))
        #expect(config.clientId == "mine" && others.isEmpty)
        let commands: [ParsableCommand.Type] = [ConfigsCommand.self, ConsumerGroupsCommand.self, DeleteRecordsCommand.self,
                                                LogDirsCommand.self, TransactionsCommand.self, ConsoleProducerCommand.self,
                                                ConsoleConsumerCommand.self, ClusterCommand.self, TuiCommand.self]
        for command in commands {
            #expect(Samsa.helpMessage(for: command).contains("--command-config"), "\(command)")
        }
    }

    @Test func producerAndConsumerConfigFiles() throws {
        let path = try Self.file(Self.scram + "linger.ms=7\nfrobnicate=1\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let producer = try #require(try Samsa.parseAsRoot(["console-producer", "--topic", "t", "--producer.config", path]) as? ConsoleProducerCommand)
        #expect(try producer.producerConfig().lingerMs == 7)
        #expect(try producer.connection.clientConfig(id: "p", file: producer.producerConfigFile).0.security.sasl?.username == "alice")
        // --producer-property wins over the file.
        let overridden = try #require(try Samsa.parseAsRoot(["console-producer", "--topic", "t", "--producer.config", path,
                                                             "--producer-property", "linger.ms=9"]) as? ConsoleProducerCommand)
        #expect(try overridden.producerConfig().lingerMs == 9)
        let consumer = try #require(try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--group", "g", "--consumer.config", path]) as? ConsoleConsumerCommand)
        #expect(consumer.consumerConfigFile == path)
    }

    @Test func aBadFileIsOneSentence() throws {
        let path = try Self.file("security.protocol=SASL_SSL\nsasl.mechanism=GSSAPI\nsasl.username=u\nsasl.password=p\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let command = try #require(try Samsa.parseAsRoot(["topics", "--list", "--command-config", path]) as? TopicsCommand)
        #expect(throws: ClientError.invalidArgument("sasl.mechanism GSSAPI is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")) {
            _ = try command.connection.clientConfig(id: "x")
        }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["tui", "--command-config", path]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["tui", "--bootstrap-server", "h:1", "--command-config", path]) }
    }

    @Test func tuiTakesACommandConfigWhenAttached() throws {
        let path = try Self.file(Self.scram)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tui = try #require(try Samsa.parseAsRoot(["tui", "--bootstrap-server", "h:1", "--command-config", path]) as? TuiCommand)
        #expect(tui.commandConfig == path)
    }

    @Test func streamsPassesSecurityToItsClients() throws {
        var config = StreamsConfig(applicationId: "app")
        let warnings = try config.apply(["security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN", "sasl.username": "s",
                                         "sasl.password": "p", "ssl.endpoint.identification.algorithm": ""])
        #expect(warnings.isEmpty)
        let client = try config.clientConfig(clientId: "app-1")
        #expect(client.security.securityProtocol == .saslSsl && client.security.sasl?.username == "s" && !client.security.tls.verifyHostname)
    }

    @Test func connectPassesWorkerAndPrefixedSecurity() throws {
        let worker = try WorkerConfig(properties: [
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename": "/tmp/x.offsets",
            "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "SCRAM-SHA-256", "sasl.username": "worker", "sasl.password": "w",
            "producer.security.protocol": "SASL_PLAINTEXT", "producer.sasl.mechanism": "PLAIN",
            "producer.sasl.username": "source", "producer.sasl.password": "s",
        ], distributed: false)
        #expect(worker.security.sasl == ClientSecurity.SASL(mechanism: .scram(.sha256), username: "worker", password: "w"))
        #expect(worker.producerSecurity.sasl == ClientSecurity.SASL(mechanism: .plain, username: "source", password: "s"))
        #expect(worker.consumerSecurity == worker.security)
        #expect(try worker.clientConfig(clientId: "c").security == worker.security)
    }
}
