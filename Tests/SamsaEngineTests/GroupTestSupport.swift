import Foundation
import Logging
import NIOCore
import NIOEmbedded
@testable import SamsaEngine
@testable import SamsaProtocol

/// A cluster in a temp directory whose coordinator timers run on an EmbeddedEventLoop, so tests move
/// time forward explicitly and every session timeout and rebalance deadline is deterministic.
final class GroupHarness {
    let directory: String
    let settings: [String: String]
    let brokers: Int
    let loop = EmbeddedEventLoop()
    private(set) var cluster: Cluster

    init(brokers: Int = 1, settings: [String: String] = [:]) throws {
        directory = NSTemporaryDirectory() + "samsa-groups-\(UUID().uuidString)"
        self.brokers = brokers
        self.settings = ["offsets.topic.num.partitions": "3", "group.initial.rebalance.delay.ms": "100"]
            .merging(settings) { $1 }
        cluster = try Self.open(directory, brokers: brokers, settings: self.settings, loop: loop)
    }

    private static func open(_ directory: String, brokers: Int, settings: [String: String], loop: EventLoop) throws -> Cluster {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let config = ClusterConfig(dataDirectory: directory, ports: (0..<brokers).map { 40000 + $0 },
                                   settings: BrokerSettings(settings))
        let cluster = try Cluster(config: config, logger: logger, scheduler: BackgroundScheduler(eventLoop: loop))
        cluster.startBackgroundWork(on: loop)
        return cluster
    }

    /// Closes the cluster and opens it again from the same directory, as a broker restart does.
    func restart() throws {
        cluster.shutdown()
        cluster = try Self.open(directory, brokers: brokers, settings: settings, loop: loop)
    }

    func coordinator(_ groupId: String) throws -> GroupCoordinator {
        try cluster.coordinator(for: groupId).coordinator
    }

    func advance(ms: Int64) { loop.advanceTime(by: .milliseconds(ms)) }

    func close() {
        cluster.shutdown()
        try? loop.syncShutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Collects a future's value on the embedded loop; nil while it is still pending.
final class Pending<T: Sendable>: @unchecked Sendable {
    private(set) var value: T?

    init(_ future: EventLoopFuture<T>) {
        future.whenSuccess { self.value = $0 }
    }
}

func join(_ coordinator: GroupCoordinator, _ loop: EventLoop, group: String, member: String = "", instance: String? = nil,
          protocols: [(String, String)] = [("range", "sub")], session: Int32 = 10000, rebalance: Int32 = 30000,
          requireKnownId: Bool = false, type: String = "consumer") -> Pending<JoinGroupResult> {
    let request = JoinGroupParameters(
        groupId: group, memberId: member, groupInstanceId: instance, clientId: "client", clientHost: "/127.0.0.1",
        sessionTimeoutMs: session, rebalanceTimeoutMs: rebalance, protocolType: type,
        protocols: protocols.map { MemberProtocol(name: $0.0, metadata: ByteBuffer(string: $0.1)) },
        requireKnownMemberId: requireKnownId)
    return Pending(coordinator.joinGroup(request, on: loop))
}

func sync(_ coordinator: GroupCoordinator, _ loop: EventLoop, group: String, member: String, generation: Int32,
          assignments: [String: String] = [:]) -> Pending<SyncGroupResult> {
    let request = SyncGroupParameters(groupId: group, generationId: generation, memberId: member,
                                      assignments: assignments.mapValues { ByteBuffer(string: $0) })
    return Pending(coordinator.syncGroup(request, on: loop))
}

/// Commits through the coordinator and returns the per-partition answers (the embedded loop runs the wait).
@discardableResult
func commit(_ coordinator: GroupCoordinator, _ h: GroupHarness, _ request: OffsetCommitParameters) -> [TopicPartition: ErrorCode] {
    let pending = Pending(coordinator.commitOffsets(request, on: h.loop))
    h.loop.run()
    return pending.value ?? [:]
}
