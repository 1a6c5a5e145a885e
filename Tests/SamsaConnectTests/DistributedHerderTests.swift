import Foundation
import Logging
import SamsaClient
import Testing
@testable import SamsaConnect

/// Two distributed herders on an in-process cluster: one group, one copy of the configs, connectors moving
/// when a worker goes.
@Suite(.serialized) struct DistributedHerderTests {
    static func workerConfig(_ cluster: ConnectTestCluster, protocol: String = "sessioned") throws -> WorkerConfig {
        try WorkerConfig(properties: [
            "bootstrap.servers": cluster.bootstrap,
            "group.id": "connect-cluster",
            "key.converter": "org.apache.kafka.connect.storage.StringConverter",
            "value.converter": "org.apache.kafka.connect.storage.StringConverter",
            "config.storage.topic": "connect-configs",
            "offset.storage.topic": "connect-offsets",
            "status.storage.topic": "connect-status",
            // Kafka's defaults are 3: one broker here, so the worker lowers them (with a warning).
            "offset.storage.partitions": "3",
            "status.storage.partitions": "2",
            "offset.flush.interval.ms": "200",
            "session.timeout.ms": "6000",
            "heartbeat.interval.ms": "500",
            "connect.protocol": `protocol`,
            // Kafka's default holds a departed worker's work 5 minutes under the incremental protocols.
            "scheduled.rebalance.max.delay.ms": "3000",
        ], distributed: true)
    }

    static func herder(_ cluster: ConnectTestCluster, port: Int, protocol: String = "sessioned",
                       plugins: PluginRegistry = WorkerTestPlugins.registry) async throws -> DistributedHerder {
        var logger = Logger(label: "test.distributed.\(port)")
        logger.logLevel = ProcessInfo.processInfo.environment["DIST_LOG"] == nil ? .warning : .info
        let herder = try DistributedHerder(config: try workerConfig(cluster, protocol: `protocol`), client: try cluster.client(),
                                           restURL: "http://127.0.0.1:\(port)/", plugins: plugins, logger: logger)
        try await herder.start()
        return herder
    }

    /// A herder behind a real REST server on a free port (its URL is the worker id, as Kafka's).
    static func herderWithRest(_ cluster: ConnectTestCluster) async throws -> (DistributedHerder, ConnectRestServer) {
        let rest = ConnectRestServer(listeners: ["http://127.0.0.1:0"], group: cluster.group)
        try await rest.start()
        var logger = Logger(label: "test.distributed.rest")
        logger.logLevel = .warning
        let herder = try DistributedHerder(config: try workerConfig(cluster), client: try cluster.client(),
                                           restURL: rest.advertisedURL!, plugins: WorkerTestPlugins.registry,
                                           forwardsWritesToLeader: true, logger: logger)
        rest.attach(herder)
        try await herder.start()
        return (herder, rest)
    }

    func running(_ herder: DistributedHerder, _ name: String, on worker: String? = nil) async -> ConnectorStateInfo? {
        guard let status = try? await herder.connectorStatus(name), status.connector.state == .running,
              !status.tasks.isEmpty, status.tasks.allSatisfy({ $0.state == .running }) else { return nil }
        if let worker, status.connector.workerId != worker || status.tasks.contains(where: { $0.workerId != worker }) { return nil }
        return status
    }

    @Test(arguments: ["sessioned", "eager"])
    func aConnectorRunsOnceInTheGroupAndMovesWhenItsWorkerLeaves(protocol: String) async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let a = try await Self.herder(cluster, port: 18001, protocol: `protocol`)
        let b = try await Self.herder(cluster, port: 18002, protocol: `protocol`)
        let file = temporaryPath("source.txt")
        try "one\ntwo\n".write(toFile: file, atomically: true, encoding: .utf8)
        let config = ["connector.class": "org.samsa.test.LineSourceConnector", "tasks.max": "1", "file": file, "topic": "lines"]

        // Created through b; both workers see it (from the config topic).
        let (created, info) = try await b.putConnectorConfig("lines-source", config: config, allowReplace: false)
        #expect(created && info.name == "lines-source" && info.type == .source)
        #expect(try await a.connectors() == ["lines-source"])
        await #expect(throws: ConnectError.alreadyExists("Connector lines-source already exists")) {
            _ = try await a.putConnectorConfig("lines-source", config: config, allowReplace: false)
        }

        var status: ConnectorStateInfo?
        try await connectEventually { status = await running(a, "lines-source"); return status != nil }
        let owner = status!.tasks[0].workerId
        #expect(["127.0.0.1:18001", "127.0.0.1:18002"].contains(owner))
        #expect(try await a.taskConfigs("lines-source").map(\.config["file"]) == [file])
        let before = try await cluster.readAll("lines") { $0.count >= 2 }
        #expect(before.map(\.valueString) == ["one", "two"])

        // Every worker appears in both snapshots; exactly one is the leader.
        try await connectEventually { Set(a.snapshot().workers.map(\.id)) == ["127.0.0.1:18001", "127.0.0.1:18002"] }
        try await connectEventually { b.snapshot().workers.filter(\.isLeader).count == 1 }
        #expect(a.snapshot().connectors.map(\.name) == ["lines-source"])

        // The task's worker goes; the survivor takes the connector and its task, and resumes from the stored offset.
        let (gone, survivor) = owner == a.workerId ? (a, b) : (b, a)
        try await connectEventually { !((try? await survivor.connectorOffsets("lines-source")) ?? []).isEmpty }
        await gone.stop()
        try await connectEventually { await running(survivor, "lines-source", on: survivor.workerId) != nil }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("three\n".utf8))
        try handle.close()
        let after = try await cluster.readAll("lines") { $0.contains { $0.valueString == "three" } }
        #expect(after.filter { $0.valueString == "three" }.count == 1)
        let offsets = try await survivor.connectorOffsets("lines-source")
        #expect(offsets.first?.partition == ["filename": .string(file)])

        // Pause goes through the config topic to the worker running the task.
        try await survivor.pauseConnector("lines-source")
        try await connectEventually { (try? await survivor.connectorStatus("lines-source"))?.tasks.first?.state == .paused }
        try await survivor.deleteConnector("lines-source")
        #expect(try await survivor.connectors().isEmpty)
        await #expect(throws: ConnectError.notFound("Connector lines-source not found")) { _ = try await survivor.connectorInfo("lines-source") }
        await survivor.stop()
    }

    @Test func theInternalTopicsAreCompactedWithKafkasRecords() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let a = try await Self.herder(cluster, port: 18011)
        let file = temporaryPath("source.txt")
        try "x\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try await a.putConnectorConfig("src", config: ["connector.class": "org.samsa.test.LineSourceConnector", "file": file, "topic": "t"],
                                           allowReplace: false)
        try await connectEventually { await running(a, "src") != nil }
        let admin = Admin(client: try cluster.client())
        for topic in ["connect-configs", "connect-offsets", "connect-status"] {
            let configs = try await admin.describeConfigs(topic: topic)
            #expect(configs.first { $0.name == "cleanup.policy" }?.value == "compact", "\(topic)")
        }
        let described = try await admin.describeTopics(["connect-configs", "connect-offsets", "connect-status"])
        #expect(described.map(\.partitions.count).sorted() == [1, 2, 3])
        let records = try await cluster.readAll("connect-configs") { $0.count >= 3 }
        let byKey = Dictionary(records.map { ($0.keyString ?? "", $0.valueString ?? "") }) { $1 }
        #expect(byKey["commit-src"] == #"{"tasks":1}"#)
        #expect(byKey["connector-src"] == #"{"properties":{"connector.class":"org.samsa.test.LineSourceConnector","file":"\#(file)","name":"src","topic":"t"}}"#)
        await a.stop()
    }

    /// Kafka forwards a task restart to the worker running the task; so does this herder, over REST.
    @Test func aTaskRestartAskedOfAnotherWorkerIsForwardedToIt() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let (a, restA) = try await Self.herderWithRest(cluster)
        let (b, restB) = try await Self.herderWithRest(cluster)
        let file = temporaryPath("source.txt")
        try "x\n".write(toFile: file, atomically: true, encoding: .utf8)
        // Created over REST through each worker in turn: a follower forwards to the leader; the second
        // create of one name is the leader's 409 whichever worker was asked.
        let rest = RestClient(group: cluster.group)
        let body: JSONValue = ["name": "src", "config": ["connector.class": "org.samsa.test.LineSourceConnector", "file": .string(file), "topic": "t"]]
        let first = try await rest.post("\(b.restURL)connectors", json: body)
        #expect(first.status == 201, "\(first.body)")
        let again = try await rest.post("\(a.restURL)connectors", json: body)
        #expect(again.status == 409)
        #expect(again.json?["message"]?.stringValue == "Connector src already exists")
        var status: ConnectorStateInfo?
        try await connectEventually { status = await running(a, "src"); return status != nil }
        let owner = status!.tasks[0].workerId
        let other = owner == a.workerId ? b : a
        let id = ConnectorTaskId(connector: "src", task: 0)
        try await other.restartTask(id)
        try await connectEventually { (try? await other.taskStatus(id))?.state == .running }
        // The REST API of either worker answers with the same status.
        let response = try await rest.get("\(other.restURL)connectors/src/status")
        #expect(response.status == 200)
        #expect(response.json?["tasks"]?[0]?["worker_id"]?.stringValue == owner)
        await #expect(throws: ConnectError.notFound("Task src-5 not found")) { try await other.restartTask(ConnectorTaskId(connector: "src", task: 5)) }
        await a.stop()
        await b.stop()
        await restA.stop()
        await restB.stop()
    }
}
