import Glibc
import NIOCore
import SamsaClient
import SamsaProtocol
import Testing
@testable import SamsaServer

@Suite struct ApiVersionsServerTests {
    @Test func clientNegotiatesVersionsFromTheRegistry() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let connection = try await server.connect()
        defer { connection.close() }
        #expect(try connection.version(for: ApiVersionsRequest.self) == 3)
        let response = try await connection.send(ApiVersionsRequest(), version: 0)
        #expect(response.errorCode == .none)
        #expect(response.apiKeys == server.server.dispatcher.registry.apiVersionRanges)
        #expect(response.apiKeys.contains { $0.apiKey == APIKey.apiVersions.rawValue && $0.maxVersion == 3 })
    }

    @Test func unknownApiVersionsVersionGetsKip511Answer() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let fd = try RawSocket.connect(port: server.address.port)
        defer { close(fd) }
        // size, apiKey 18, version 99, correlation 7, client id "x"
        RawSocket.send(fd, [0, 0, 0, 11, 0, 18, 0, 99, 0, 0, 0, 7, 0, 1, 0x78])
        let frame = try #require(RawSocket.readFrame(fd))
        var reader = KafkaReader(ByteBuffer(bytes: frame))
        #expect(try reader.readInt32() == 7)
        let response = try ApiVersionsResponse(from: &reader, version: 0)
        #expect(response.errorCode == .unsupportedVersion)
        #expect(!response.apiKeys.isEmpty)
    }

    @Test func unknownApiKeyClosesOnlyThatConnection() async throws {
        let server = try await TestServer.start()
        defer { server.stop() }
        let good = try await server.connect()
        defer { good.close() }
        let fd = try RawSocket.connect(port: server.address.port)
        defer { close(fd) }
        RawSocket.send(fd, [0, 0, 0, 10, 0x7F, 0x00, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF])
        #expect(RawSocket.isClosed(fd))
        let response = try await good.send(ApiVersionsRequest())
        #expect(response.errorCode == .none)
    }

    @Test func oversizedFrameClosesConnection() async throws {
        let server = try await TestServer.start(settings: ["socket.request.max.bytes": "1000"])
        defer { server.stop() }
        let fd = try RawSocket.connect(port: server.address.port)
        defer { close(fd) }
        RawSocket.send(fd, [0, 0, 0x10, 0, 0, 18, 0, 0])
        #expect(RawSocket.isClosed(fd))
    }
}
