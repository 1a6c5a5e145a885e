import NIOCore
import NIOHTTP1
import NIOPosix
@testable import SamsaConnect

/// A REST server on 127.0.0.1:0 over a herder, with a client pointed at it.
struct RestTestServer {
    let server: ConnectRestServer
    let client: RestClient
    let base: String

    static func start(_ herder: (any Herder)?, maxBodyBytes: Int = ConnectRestServer.defaultMaxBodyBytes,
                      idleTimeout: TimeAmount = .minutes(10)) async throws -> RestTestServer {
        // A long idle timeout by default: on a loaded machine a test may wait long between connecting and sending.
        let group = MultiThreadedEventLoopGroup.singleton
        let server = ConnectRestServer(listeners: ["http://127.0.0.1:0"], group: group, herder: herder, maxBodyBytes: maxBodyBytes,
                                       idleTimeout: idleTimeout)
        try await server.start()
        let port = server.port!
        return RestTestServer(server: server, client: RestClient(group: group, timeout: .seconds(60)), base: "http://127.0.0.1:\(port)")
    }

    /// Runs `body` against a started server and stops it after.
    static func with(_ herder: (any Herder)?, _ body: (RestTestServer) async throws -> Void) async throws {
        let rest = try await start(herder)
        do { try await body(rest) } catch { await rest.server.stop(); throw error }
        await rest.server.stop()
    }

    func get(_ path: String) async throws -> RestClient.Response { try await client.get(base + path) }
    func delete(_ path: String) async throws -> RestClient.Response { try await client.delete(base + path) }
    func post(_ path: String, _ body: String? = nil) async throws -> RestClient.Response {
        try await client.request(.POST, base + path, body: body)
    }
    func put(_ path: String, _ body: String? = nil) async throws -> RestClient.Response {
        try await client.request(.PUT, base + path, body: body)
    }
}

extension RestFakeHerder {
    /// Kafka's quick-start file source, named `local-file-source`.
    static func withFileSource() -> RestFakeHerder {
        let herder = RestFakeHerder()
        herder.add("local-file-source", config: ["connector.class": "FileStreamSource", "tasks.max": "1", "file": "test.txt",
                                                 "topic": "connect-test"])
        return herder
    }
}
