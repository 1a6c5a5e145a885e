import Foundation
import Logging
import NIOCore
import NIOPosix
import SamsaClient
import SamsaEngine
import Testing
@testable import SamsaServer

/// A cluster and its listeners on loopback, in a temp directory, for one test. Listeners bind port 0 (the
/// kernel picks free ports), so tests never race each other for a port.
final class TestServer: @unchecked Sendable {
    let directory: String
    let cluster: Cluster
    let server: KafkaServer
    let group: MultiThreadedEventLoopGroup
    let clientGroup: MultiThreadedEventLoopGroup

    /// Starts `brokers` brokers; `port` (a restart) binds the first broker where a previous server was.
    static func start(brokers: Int = 1, settings: [String: String] = [:], directory: String? = nil,
                      port: Int? = nil) async throws -> TestServer {
        let server = try TestServer(brokers: brokers, settings: settings, directory: directory, port: port)
        do {
            try await server.server.start()
        } catch {
            server.stop(keepData: directory != nil)
            throw error
        }
        return server
    }

    private init(brokers: Int, settings: [String: String], directory: String?, port: Int?) throws {
        self.directory = directory ?? NSTemporaryDirectory() + "samsa-server-\(UUID().uuidString)"
        let ports = (0..<brokers).map { $0 == 0 ? port ?? 0 : 0 }
        let config = ClusterConfig(dataDirectory: self.directory, ports: ports, settings: BrokerSettings(settings))
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        cluster = try Cluster(config: config, logger: logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        server = KafkaServer(cluster: cluster, group: group, logger: logger)
    }

    var address: BrokerAddress { BrokerAddress(host: "127.0.0.1", port: cluster.brokers[0].port) }

    func connect() async throws -> BrokerConnection {
        try await BrokerConnection.connect(to: address, group: clientGroup)
    }

    /// Stops everything; with `keepData`, leaves the directory for a restart. Waits only for the logs to
    /// close (so a restart can reopen them); threads wind down in the background.
    func stop(keepData: Bool = false) {
        server.beginStop()
        cluster.shutdown()
        group.shutdownGracefully { _ in }
        clientGroup.shutdownGracefully { _ in }
        if !keepData { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// Raw socket access for sending malformed bytes.
enum RawSocket {
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw ServerError("connect failed") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads one length-prefixed frame, or nil if the peer closed the connection (or timed out).
    static func readFrame(_ fd: Int32) -> [UInt8]? {
        guard let sizeBytes = readExactly(fd, 4) else { return nil }
        let size = Int(UInt32(sizeBytes[0]) << 24 | UInt32(sizeBytes[1]) << 16 | UInt32(sizeBytes[2]) << 8 | UInt32(sizeBytes[3]))
        return readExactly(fd, size)
    }

    static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, count - got, 0) }
            if n <= 0 { return nil }
            got += n
        }
        return out
    }

    /// True if the server closed the connection (recv returns 0).
    static func isClosed(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }
}

/// Waits until `condition` holds, polling every 10 ms; after `seconds` (generous, for a loaded 2-core
/// machine) it records a failure at the caller and throws, so the test stops there.
func eventually(_ seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
                _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    if try await condition() { return }
    Issue.record("The condition did not hold within \(seconds) s", sourceLocation: sourceLocation)
    throw ServerError("eventually timed out")
}
