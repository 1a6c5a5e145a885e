import Foundation
import Testing
@testable import SamsaConnect

/// Incremental cooperative rebalancing between real herders on an in-process cluster: a second worker joining
/// takes a task without the connector or the other task ever stopping; a worker offering only `default` makes
/// the whole group eager.
@Suite(.serialized) struct DistributedCooperativeHerderTests {
    func placement(_ herder: DistributedHerder, _ name: String) async -> [String]? {
        guard let status = try? await herder.connectorStatus(name), status.connector.state == .running, status.tasks.count == 2,
              status.tasks.allSatisfy({ $0.state == .running }) else { return nil }
        return [status.connector.workerId] + status.tasks.sorted { $0.id < $1.id }.map(\.workerId)
    }

    @Test func aJoiningWorkerTakesATaskWhileTheConnectorKeepsRunning() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let plugins = DistributedTestPlugins.registry
        let a = try await DistributedHerderTests.herder(cluster, port: 18101, plugins: plugins)
        _ = try await a.putConnectorConfig("counted", config: ["connector.class": "org.samsa.test.CountingSinkConnector",
                                                               "tasks.max": "2", "topics": "counted-in"], allowReplace: false)
        try await connectEventually { await placement(a, "counted") == [a.workerId, a.workerId, a.workerId] }
        #expect(a.state.withLock { $0.negotiated } == .sessioned)
        #expect(DistributedTestPlugins.started("counted") == 1)
        #expect(DistributedTestPlugins.started("counted-0") == 1 && DistributedTestPlugins.started("counted-1") == 1)

        // b joins: a keeps the connector and one task; the first task (the front of a's allocation) is revoked,
        // then assigned to b in the follow-up rebalance.
        let b = try await DistributedHerderTests.herder(cluster, port: 18102, plugins: plugins)
        try await connectEventually { await placement(b, "counted") == [a.workerId, b.workerId, a.workerId] }
        #expect(b.state.withLock { $0.negotiated } == .sessioned)
        #expect(DistributedTestPlugins.started("counted") == 1, "the connector was restarted")
        #expect(DistributedTestPlugins.started("counted-1") == 1, "the task that stayed was restarted")
        #expect(DistributedTestPlugins.started("counted-0") == 2)
        #expect(a.state.withLock { $0.runningTasks } == [ConnectorTaskId(connector: "counted", task: 1)])
        #expect(b.state.withLock { $0.runningTasks } == [ConnectorTaskId(connector: "counted", task: 0)])

        // A worker whose connect.protocol is eager offers only "default": the coordinator picks the one protocol
        // every member offers, so the whole group rebalances eagerly from now on.
        let c = try await DistributedHerderTests.herder(cluster, port: 18103, protocol: "eager", plugins: plugins)
        try await connectEventually {
            [a, b, c].allSatisfy { herder in herder.state.withLock { $0.negotiated == .eager && $0.assignment != nil } }
        }
        #expect(a.member?.generation?.protocolName == "default")
        try await connectEventually { await placement(c, "counted") != nil }
        // Whatever a and b kept running through the join that the eager leader gave elsewhere, they stopped.
        try await connectEventually {
            let tasks = [a, b, c].map { herder in herder.state.withLock { $0.runningTasks } }
            let connectors = [a, b, c].map { herder in herder.state.withLock { $0.running.count } }
            return tasks.map(\.count).reduce(0, +) == 2 && tasks.reduce(Set()) { $0.union($1) }.count == 2
                && connectors.reduce(0, +) == 1
        }
        await c.stop()
        await b.stop()
        await a.stop()
    }
}
