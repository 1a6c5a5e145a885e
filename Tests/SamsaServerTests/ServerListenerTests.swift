import Testing
@testable import SamsaServer

/// server.properties listeners: only PLAINTEXT is served until TLS and SASL exist; anything else is refused
/// at start in one sentence rather than served as plaintext.
@Suite struct ServerListenerTests {
    func problem(_ properties: [String: String]) -> String? {
        var options = ServerOptions()
        options.properties = properties
        do {
            _ = try options.clusterConfig()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func otherSecurityProtocolsAreRefused() {
        for listeners in ["SASL_SSL://:9093", "SSL://localhost:9093", "PLAINTEXT://:9092,SASL_PLAINTEXT://:9094"] {
            let said = problem(["listeners": listeners])
            #expect(said?.contains("samsa serves only PLAINTEXT listeners") == true, "\(listeners): \(said ?? "accepted")")
        }
        let mapped = problem(["listeners": "CLIENT://:9093", "listener.security.protocol.map": "CLIENT:SSL"])
        #expect(mapped?.contains("uses SSL") == true)
        #expect(problem(["advertised.listeners": "SASL_SSL://broker:9093"]) != nil)
        #expect(problem(["listeners": "MYSTERY://:9093"])?.contains("neither a security protocol") == true)
        #expect(problem(["listeners": "X://:1", "listener.security.protocol.map": "X:TLS"])?.contains("not a Kafka security protocol") == true)
        #expect(problem(["listener.security.protocol.map": "nonsense"]) != nil)
    }

    @Test func plaintextListenersAndKraftsDefaultFileAreServed() throws {
        #expect(problem(["listeners": "PLAINTEXT://127.0.0.1:9192"]) == nil)
        #expect(problem(["listeners": "INTERNAL://127.0.0.1:9192", "listener.security.protocol.map": "INTERNAL:PLAINTEXT"]) == nil)
        // Kafka's KRaft server.properties: the client listener comes after the controller's in some files.
        var options = ServerOptions()
        options.properties = ["listeners": "CONTROLLER://:9093,PLAINTEXT://127.0.0.1:9192", "controller.listener.names": "CONTROLLER",
                              "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL"]
        let config = try options.clusterConfig()
        #expect(config.ports == [9192] && config.host == "127.0.0.1")
    }
}
