import Foundation
import NIOPosix
import SamsaClient
import SamsaProtocol
import Testing

/// A request on a connection whose client has closed (its event loops shut down) is refused with one sentence.
/// Before, the request made a promise on the dead loop that nothing could complete, and debug builds stopped
/// with "leaking promise" (a Streams app's snapshot racing its own shutdown crashed that way).
@Suite struct ClosedClientTests {
    @Test func aRequestAfterTheClientClosedIsRefusedNotLeaked() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [server.address]))
        let connection = try await client.anyConnection()
        _ = try await connection.send(ApiVersionsRequest())
        await client.close()
        do {
            _ = try await connection.send(ApiVersionsRequest())
            Issue.record("a closed client's connection answered")
        } catch let error as ClientError {
            #expect(error == .connectionClosed(connection.address.description))
        }
        await #expect(throws: ClientError.connectionClosed(connection.address.description)) {
            try await connection.sendWithoutResponse(ApiVersionsRequest())
        }
    }
}
