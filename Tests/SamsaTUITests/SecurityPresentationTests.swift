import Foundation
import SamsaClient
import SamsaConnect
import SamsaProtocol
import SamsaStreams
import Synchronization
import Testing
@testable import SamsaTUI

/// Authorization refusals as one line, the empty attached topics list, the security demo's menu entry, and
/// the workbench's security settings reaching the Streams apps and Connect worker it starts.
@Suite struct SecurityPresentationTests {
    @Test func eachRefusalNamesTheOperationTheResourceAndKafkasErrorName() {
        let produce = AccessAttempt.write(topic: "payments", transactionalId: "tx-1")
        let consume = AccessAttempt.read(topic: "payments", group: "g1")
        func refused(_ code: ErrorCode) -> ClientError { .notAuthorized(code, "Not authorized.") }
        #expect(produce.sentence(for: refused(.topicAuthorizationFailed))
                == "Not authorized to Write to topic payments (TOPIC_AUTHORIZATION_FAILED).")
        #expect(consume.sentence(for: refused(.groupAuthorizationFailed)) == "Not authorized to Read group g1 (GROUP_AUTHORIZATION_FAILED).")
        #expect(AccessAttempt(operation: "Create", topic: "t").sentence(for: ClientError.broker(.clusterAuthorizationFailed, ""))
                == "Not authorized to Create the cluster (CLUSTER_AUTHORIZATION_FAILED).")
        #expect(produce.sentence(for: refused(.transactionalIdAuthorizationFailed))
                == "Not authorized to Write to transactional id tx-1 (TRANSACTIONAL_ID_AUTHORIZATION_FAILED).")
        #expect(consume.sentence(for: ClientError.authenticationFailed("127.0.0.1:9093", "Authentication failed due to invalid credentials"))
                == "SASL authentication with 127.0.0.1:9093 failed: Authentication failed due to invalid credentials (SASL_AUTHENTICATION_FAILED).")
        // Other failures keep their own sentence, on one line.
        #expect(consume.sentence(for: ClientError.noBrokers) == "No broker is reachable at the bootstrap servers.")
        #expect(consume.sentence(for: WorkbenchError("first line\nsecond")) == "first line.")
    }

    @Test func anEmptyAttachedTopicsListSaysItHoldsOnlyDescribableTopics() {
        let attached = Fixtures.cluster(mode: .attached(bootstrap: "kafka:9093"), topics: [], groups: [])
        #expect(TopicRow.emptyList(filtered: false, hidden: 0, snapshot: attached)
                == "No topics visible: the list holds only topics this user may describe. Press c to create one.")
        #expect(TopicRow.emptyList(filtered: false, hidden: 0, snapshot: Fixtures.cluster(topics: [])) == "No topics yet. Press c to create one.")
        #expect(TopicRow.emptyList(filtered: true, hidden: 0, snapshot: attached) == "No topic matches the filter.")

        let (_, canvas) = Fixtures.workbench(attached)
        #expect(canvas.screen.contains("No topics visible"))
    }

    @Test func theSecurityDemoIsOfferedOnTheEmbeddedClusterOnly() async {
        let embedded = MenuBuilder.root(snapshot: Fixtures.cluster(), topic: nil, group: nil).items
        #expect(embedded.contains { $0.then == .run(.securityDemo) && $0.enabled })
        #expect(embedded.allSatisfy { $0.title.count <= 56 })
        let attached = MenuBuilder.root(snapshot: Fixtures.cluster(mode: .attached(bootstrap: "k:9092")), topic: nil, group: nil).items
        #expect(!attached.contains { $0.then == .run(.securityDemo) })
        let outcome = await WorkbenchAction.securityDemo.perform(on: FakeWorkbenchSource())
        #expect(outcome.isError && outcome.message.contains("needs the embedded cluster"))
    }

    @Test func streamsAppsAndTheConnectWorkerGetTheWorkbenchsSecuritySettings() async throws {
        let security = ClientSecurity(securityProtocol: .saslSsl, sasl: .init(mechanism: .scram(.sha512), username: "alice", password: "pw"))
        let seen = Mutex<[ClientSecurity]>([])
        let clients = try WorkbenchClients(
            bootstrap: "127.0.0.1:1",
            streamsLauncher: { _, _, given in
                seen.withLock { $0.append(given) }
                throw WorkbenchError("not started")
            },
            connectLauncher: { _, _, given in
                seen.withLock { $0.append(given) }
                throw WorkbenchError("not started")
            }, security: security)
        await #expect(throws: WorkbenchError.self) { try await clients.streams.start(StreamsDemo.wordCount.defaultLaunch) }
        await #expect(throws: (any Error).self) { _ = try await clients.connect.herder() }
        await clients.close()
        #expect(seen.withLock { $0 } == [security, security])

        let config = ConnectWorkerLauncher.workerConfig(bootstrap: "b:1", directory: "/tmp/x", security: security)
        #expect([config.security, config.producerSecurity, config.consumerSecurity, config.adminSecurity] == Array(repeating: security, count: 4))
    }
}
