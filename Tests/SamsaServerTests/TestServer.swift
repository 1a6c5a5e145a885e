import Foundation
import Logging
import NIOCore
import NIOPosix
import SamsaClient
import SamsaEngine
@testable import SamsaServer

/// A cluster and its listeners on free loopback ports, in a temp directory, for one test.
final class TestServer: @unchecked Sendable {
    let directory: String
    let cluster: Cluster
    let server: KafkaServer
    let group: MultiThreadedEventLoopGroup
    let clientGroup: MultiThreadedEventLoopGroup

    init(brokers: Int = 1, settings: [String: String] = [:], directory: String? = nil, port: Int? = nil) throws {
        self.directory = directory ?? NSTemporaryDirectory() + "samsa-server-\(UUID().uuidString)"
        let base = try port ?? Self.freePorts(brokers)
        let config = ClusterConfig(dataDirectory: self.directory, ports: (0..<brokers).map { base + $0 },
                                   settings: BrokerSettings(settings))
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        cluster = try Cluster(config: config, logger: logger)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        server = KafkaServer(cluster: cluster, group: group, logger: logger)
        try server.start()
    }

    var address: BrokerAddress { BrokerAddress(host: "127.0.0.1", port: cluster.brokers[0].port) }

    func connect() async throws -> BrokerConnection {
        try await BrokerConnection.connect(to: address, group: clientGroup)
    }

    /// Stops everything; with `keepData`, leaves the directory for a restart.
    func stop(keepData: Bool = false) {
        server.stop()
        cluster.shutdown()
        try? group.syncShutdownGracefully()
        try? clientGroup.syncShutdownGracefully()
        if !keepData { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// A base port with `count` consecutive free ports after it.
    static func freePorts(_ count: Int) throws -> Int {
        for _ in 0..<100 {
            let base = Int.random(in: 20000...60000)
            if (base..<(base + count)).allSatisfy(isFree) { return base }
        }
        throw ServerError("no free ports")
    }

    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
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
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
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
