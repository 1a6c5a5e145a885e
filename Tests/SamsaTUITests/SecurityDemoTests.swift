import Foundation
import Logging
import NIOPosix
import SamsaClient
import SamsaEngine
import SamsaServer
import Testing
@testable import SamsaTUI

/// The embedded ACL demo end to end over real listeners, then the workbench attached through the demo's SASL
/// listener as its read-only user: refusals arrive as one line naming the operation and resource.
@Suite(.serialized) struct SecurityDemoTests {
    final class Running: Sendable {
        let directory = NSTemporaryDirectory() + "samsa-tui-security-\(UUID().uuidString)"
        let cluster: Cluster
        let server: KafkaServer
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)

        init() async throws {
            var logger = Logger(label: "security-demo-test")
            logger.logLevel = .warning
            cluster = try Cluster(config: ClusterConfig(dataDirectory: directory, ports: [0]), logger: logger)
            server = KafkaServer(cluster: cluster, group: group, logger: logger)
            try await server.start()
        }

        var bootstrap: String { "127.0.0.1:\(cluster.brokers[0].port)" }

        func stop() {
            server.beginStop()
            cluster.shutdown()
            group.shutdownGracefully { _ in }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func theDemoLetsTheReaderConsumeAndRefusesItsProduceNarratingEachStep() async throws {
        let running = try await Running()
        defer { running.stop() }
        let server = running.server
        let source = try EmbeddedSource(cluster: running.cluster, bootstrap: running.bootstrap,
                                        addListener: { try await server.addListener($0) })
        let outcome = await WorkbenchAction.securityDemo.perform(on: source)
        #expect(!outcome.isError, "\(outcome.message)")
        #expect(outcome.message.hasPrefix("ACL demo done"))
        let told = source.clients.localEvents.map(\.text)
        let port = try #require(running.cluster.brokers[0].port(listener: SecurityDemo.listenerName))
        #expect(port != running.cluster.brokers[0].port)
        let settings = ["  bootstrap.servers=127.0.0.1:\(port)", "  security.protocol=SASL_PLAINTEXT", "  sasl.mechanism=SCRAM-SHA-256",
                        "  sasl.username=reader", "  sasl.password=reader-secret"]
        let first = try #require(told.firstIndex(of: settings[0]))
        #expect(Array(told[first..<min(told.count, first + 5)]) == settings)
        #expect(told.contains { $0.hasPrefix("Step 5/6: reader consumed 3 records of acl-demo") })
        #expect(told.contains { $0 == "Step 6/6: reader's produce to acl-demo was refused: Not authorized to Write to topic acl-demo (TOPIC_AUTHORIZATION_FAILED)." })

        // The workbench's own panes (PLAINTEXT, User:ANONYMOUS) still write and read with authorization on.
        let receipt = try await source.produce(ProduceRequest(topic: "acl-demo", key: nil, value: "still writable here", acks: .all, partitioning: .sticky))
        #expect(receipt.offset == 3)

        // A second run reuses the listener and the user.
        let again = await WorkbenchAction.securityDemo.perform(on: source)
        #expect(!again.isError, "\(again.message)")
        await source.close()

        // Attached through the SASL listener as the reader: Write refused in one line, an unlisted group too,
        // and the topics list holds only what the reader may describe.
        _ = try await WorkbenchClients(bootstrap: running.bootstrap).createTopic(name: "secret", partitions: 1, replicationFactor: 1)
        let attached = try AttachSource(bootstrap: "127.0.0.1:\(port)", security: SecurityDemo.security())
        await attached.poll()
        #expect(attached.snapshot().topics.map(\.name) == ["acl-demo"])
        await #expect { _ = try await attached.produce(ProduceRequest(topic: "acl-demo", key: nil, value: "x", acks: .all, partitioning: .sticky)) }
            throws: { ($0 as? WorkbenchError)?.message == "Not authorized to Write to topic acl-demo (TOPIC_AUTHORIZATION_FAILED)." }
        _ = try await attached.startConsumer(group: "g1", topic: "acl-demo")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, !attached.clients.localEvents.contains(where: { $0.text.contains("GROUP_AUTHORIZATION_FAILED") }) {
            try await Task.sleep(for: .milliseconds(200))
        }
        let refusals = attached.clients.localEvents.map(\.text).filter { $0.contains("AUTHORIZATION_FAILED") }
        #expect(refusals.first?.hasSuffix("cannot read acl-demo: Not authorized to Read group g1 (GROUP_AUTHORIZATION_FAILED).") == true, "\(refusals)")
        await attached.close()

        // A refused login is one line with Kafka's error name, in the events, not an empty screen.
        var wrong = SecurityDemo.security()
        wrong.sasl?.password = "wrong"
        let refused = try AttachSource(bootstrap: "127.0.0.1:\(port)", security: wrong)
        await refused.poll()
        let said = refused.snapshot().events.map(\.text).first { $0.hasPrefix("Cannot read the cluster") }
        #expect(said?.hasSuffix("(SASL_AUTHENTICATION_FAILED).") == true, "\(String(describing: said))")
        await refused.close()
    }
}
