import Testing
@testable import SamsaServer
import SamsaEngine

/// server.properties listeners, Kafka's way: several listeners with their protocols, advertised hosts,
/// port + i per broker, and one-sentence refusals.
@Suite struct TLSListenerOptionsTests {
    func config(_ properties: [String: String], brokers: Int = 1, port: Int? = nil) throws -> ClusterConfig {
        var options = ServerOptions(port: port, brokers: brokers)
        options.properties = properties
        return try options.clusterConfig()
    }

    func problem(_ properties: [String: String], brokers: Int = 1) -> String? {
        do {
            _ = try config(properties, brokers: brokers)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func everyProtocolAndMappedNamesMakeListeners() throws {
        let made = try config(["listeners": "PLAINTEXT://:9092,SSL://:9093,SASL_PLAINTEXT://:9094,SASL_SSL://:9095"])
        #expect(made.listeners.map(\.securityProtocol) == [.plaintext, .ssl, .saslPlaintext, .saslSsl])
        #expect(made.listeners.map(\.ports) == [[9092], [9093], [9094], [9095]])
        #expect(made.host == "0.0.0.0" && made.ports == [9092])
        let mapped = try config(["listeners": "CONTROLLER://:9000,CLIENT://127.0.0.1:9200,INTERNAL://127.0.0.1:9300",
                                 "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,CLIENT:SASL_SSL,INTERNAL:PLAINTEXT",
                                 "controller.listener.names": "CONTROLLER", "inter.broker.listener.name": "INTERNAL",
                                 "advertised.listeners": "CLIENT://broker.example:9200,INTERNAL://127.0.0.1:9300"],
                                brokers: 3, port: 9500)
        #expect(mapped.listeners.map(\.name) == ["CLIENT", "INTERNAL"])
        #expect(mapped.listeners[0].securityProtocol == .saslSsl && mapped.listeners[0].advertisedHost == "broker.example")
        // --port sets the first listener; broker i listens on port + i of every listener.
        #expect(mapped.listeners[0].ports == [9500, 9501, 9502] && mapped.ports == [9500, 9501, 9502])
        #expect(mapped.listeners[1].ports == [9300, 9301, 9302])
        #expect(mapped.advertisedHost == "broker.example")
        // Advertised ports, per broker as the bound ones: port + i; port 0 advertises the bound port.
        #expect(mapped.listeners[0].advertisedPorts == [9200, 9201, 9202] && mapped.listeners[1].advertisedPorts == [9300, 9301, 9302])
        let natted = try config(["listeners": "SSL://0.0.0.0:9093,PLAINTEXT://:9092",
                                 "advertised.listeners": "SSL://public.example:443,PLAINTEXT://:0"])
        #expect(natted.listeners.map(\.advertisedPorts) == [[443], nil])
        #expect(try config([:]).listeners == [ListenerSpec(name: "PLAINTEXT", securityProtocol: .plaintext, host: "127.0.0.1", ports: [9092])])
    }

    @Test func badListenersAreRefusedInOneSentence() {
        let cases: [([String: String], String)] = [
            (["listeners": "nonsense"], "is not of the form NAME://host:port"),
            (["listeners": "PLAINTEXT://host"], "is not of the form NAME://host:port"),
            (["listeners": "PLAINTEXT://:9092,PLAINTEXT://:9093"], "appears twice in listeners"),
            (["listeners": "MYSTERY://:9093"], "neither a security protocol nor in listener.security.protocol.map"),
            (["listeners": "X://:1", "listener.security.protocol.map": "X:TLS"], "not a Kafka security protocol"),
            (["listeners": "PLAINTEXT://:9092,SSL://:9092"], "both use port 9092"),
            (["listener.security.protocol.map": "nonsense"], "is not of the form NAME:PROTOCOL"),
            (["listeners": "PLAINTEXT://:9092", "inter.broker.listener.name": "INTERNAL"], "inter.broker.listener.name must be"),
            (["listeners": "PLAINTEXT://:9092", "advertised.listeners": "SSL://h:9093"], "subset of the ones defined in listeners"),
            (["listeners": "CONTROLLER://:9093", "controller.listener.names": "CONTROLLER"], "has no listener for clients"),
            (["listeners": "SSL://:9093", "advertised.listeners": "SSL://h:70000"], "Advertised port 70000 of listener SSL"),
        ]
        for (properties, expected) in cases {
            let said = problem(properties)
            #expect(said?.contains(expected) == true, "\(properties): \(said ?? "accepted")")
            #expect(said?.hasSuffix(".") == true)
        }
        // Three brokers on 9092… would overlap the SSL listener's 9093.
        #expect(problem(["listeners": "PLAINTEXT://:9092,SSL://:9093"], brokers: 3)?.contains("both use port 9093") == true)
    }
}
