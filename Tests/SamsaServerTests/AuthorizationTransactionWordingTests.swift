import SamsaClient
import SamsaEngine
import SamsaProtocol
import Testing
@testable import SamsaServer

/// A transactional producer refused by the authorizer says so in one sentence naming the transactional id,
/// whether FindCoordinator (no DESCRIBE) or InitProducerId (no WRITE) refuses it.
@Suite struct AuthorizationTransactionWordingTests {
    typealias F = AuthorizationFixture

    static func initTransactions(_ server: TestServer, _ id: String) async -> String {
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]), group: server.clientGroup)
        var config = ProducerConfig()
        config.transactionalId = id
        config.maxBlockMs = 60_000
        let producer = Producer(client: client, config: config)
        let said: String
        do {
            try await producer.initTransactions()
            said = "initialised"
        } catch {
            said = "\(error)"
        }
        await producer.close()
        await client.close()
        return said
    }

    @Test func transactionalIdRefusalsNameTheId() async throws {
        let server = try await F.start()
        defer { server.stop() }
        F.allow(server, .describe, .transactionalId, "described")
        #expect(await Self.initTransactions(server, "described")
                == "Not authorized to use transactional id 'described' (TRANSACTIONAL_ID_AUTHORIZATION_FAILED).")
        #expect(await Self.initTransactions(server, "unknown")
                == "Not authorized to use transactional id 'unknown' (TRANSACTIONAL_ID_AUTHORIZATION_FAILED).")
        F.allow(server, .write, .transactionalId, "described")
        #expect(await Self.initTransactions(server, "described") == "initialised")
    }

    @Test func clusterRefusalOfAnIdempotentInitProducerIdNamesIdempotentWrite() {
        let error = ClientError.coordinatorRefusal(.clusterAuthorizationFailed, key: "", keyType: FindCoordinatorRequest.transactionKeyType)
        #expect("\(error)" == "Not authorized to IdempotentWrite on the cluster (CLUSTER_AUTHORIZATION_FAILED).")
        #expect(error.isSecurityFailure)
    }
}
