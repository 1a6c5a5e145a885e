import Glibc
import Testing
@testable import SamsaServer

/// `max.connections` is per broker, as in Kafka: a broker's limit counts its own connections only.
@Suite struct ConnectionLimitTests {
    /// ApiVersions v0 with an empty client id.
    static let apiVersions: [UInt8] = [0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0, 0]

    static func isServed(_ fd: Int32) -> Bool {
        RawSocket.send(fd, apiVersions)
        return RawSocket.readFrame(fd) != nil
    }

    @Test func aBrokerRefusesConnectionsBeyondItsOwnLimit() async throws {
        let server = try await TestServer.start(brokers: 2, settings: ["max.connections": "2"])
        defer { server.stop() }
        let first = server.cluster.brokers[0].port, second = server.cluster.brokers[1].port
        let kept = try (0..<2).map { _ in try RawSocket.connect(port: first) }
        defer { kept.forEach { close($0) } }
        #expect(kept.allSatisfy(Self.isServed))
        let extra = try RawSocket.connect(port: first)
        defer { close(extra) }
        #expect(RawSocket.isClosed(extra), "a third connection to broker 0 is refused")
        let other = try RawSocket.connect(port: second)
        defer { close(other) }
        #expect(Self.isServed(other), "broker 1 counts its own connections")
    }
}
