import Foundation
import SamsaClient
@testable import SamsaConnect
import Testing

/// Lines through a real in-process cluster: file → source task → topic → sink task → file.
@Suite(.serialized) struct WorkerEndToEndTests {
    func herder(_ cluster: ConnectTestCluster, offsets: String) throws -> StandaloneHerder {
        StandaloneHerder(workerConfig: try cluster.workerConfig(offsetsFile: offsets), workerId: "127.0.0.1:8083",
                         plugins: WorkerTestPlugins.registry, logger: quietLogger())
    }

    @Test func linesFlowFromFileToTopicToFileAndARestartCopiesNothingTwice() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let input = temporaryPath("in.txt"), output = temporaryPath("out.txt"), offsets = temporaryPath("offsets")
        try append(input, "foo\nbar\n")
        let source = ["name": "src", "connector.class": "LineSource", "file": input, "topic": "lines"]
        let sink = ["name": "snk", "connector.class": "LineSink", "file": output, "topics": "lines"]

        let first = try herder(cluster, offsets: offsets)
        try await first.start()
        let (created, info) = try await first.putConnectorConfig("src", config: source, allowReplace: false)
        #expect(created && info.type == .source && info.tasks == [ConnectorTaskId(connector: "src", task: 0)])
        _ = try await first.putConnectorConfig("snk", config: sink, allowReplace: false)
        try await connectEventually { lines(output) == ["foo", "bar"] }
        let status = try await first.connectorStatus("src")
        #expect(status.connector.state == .running && status.tasks.map(\.state) == [.running])

        try append(input, "baz\n")
        try await connectEventually { lines(output) == ["foo", "bar", "baz"] }
        let snapshot = first.snapshot()
        #expect(snapshot.connectors.map(\.name) == ["src", "snk"])
        // The resolved plugin class, as Kafka's status and info name it, not the configured alias.
        #expect(snapshot.connectors.map(\.className) == ["org.samsa.test.LineSourceConnector", "org.samsa.test.LineSinkConnector"])
        #expect(snapshot.connectors[0].tasks[0].recordsOut == 3)
        try await connectEventually { first.snapshot().connectors[0].tasks[0].sourceOffsets == ["\(input): position 3"] }
        await first.stop()

        // Appended while stopped: the restart resumes from the stored source offset and the group's commit.
        try append(input, "qux\n")
        let second = try herder(cluster, offsets: offsets)
        try await second.start()
        _ = try await second.putConnectorConfig("src", config: source, allowReplace: false)
        _ = try await second.putConnectorConfig("snk", config: sink, allowReplace: false)
        try await connectEventually { lines(output).count >= 4 }
        try await Task.sleep(for: .milliseconds(500))
        #expect(lines(output) == ["foo", "bar", "baz", "qux"])
        let topic = try await cluster.readAll("lines") { $0.count >= 4 }
        #expect(topic.map { $0.valueString } == ["foo", "bar", "baz", "qux"])
        #expect(try await second.connectorOffsets("src") == [ConnectorOffset(partition: ["filename": .string(input)], offset: ["position": .int64(4)])])
        try await connectEventually {
            try await second.connectorOffsets("snk") == [ConnectorOffset(partition: ["kafka_topic": .string("lines"), "kafka_partition": .int32(0)],
                                                                      offset: ["kafka_offset": .int64(4)])]
        }
        await second.stop()
    }

    @Test func pauseHoldsRecordsBackAndResumeDeliversThem() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let output = temporaryPath("out.txt")
        let herder = try herder(cluster, offsets: temporaryPath("offsets"))
        try await herder.start()
        try await cluster.createTopic("paused")
        _ = try await herder.putConnectorConfig("snk", config: ["name": "snk", "connector.class": "LineSink", "file": output, "topics": "paused"], allowReplace: false)
        try await cluster.produce("paused", [(nil, "one")])
        try await connectEventually { lines(output) == ["one"] }
        try await herder.pauseConnector("snk")
        #expect(try await herder.connectorStatus("snk").connector.state == .paused)
        #expect(try await herder.connectorStatus("snk").tasks.map(\.state) == [.paused])
        try await cluster.produce("paused", [(nil, "two")])
        // The record waits in Kafka: the workbench sees it as sink lag.
        try await connectEventually { herder.snapshot().connectors[0].tasks[0].lag == 1 }
        #expect(lines(output) == ["one"])
        try await herder.resumeConnector("snk")
        try await connectEventually { lines(output) == ["one", "two"] }
        try await connectEventually { herder.snapshot().connectors[0].tasks[0].lag == 0 }
        try await herder.stopConnector("snk")
        #expect(try await herder.connectorStatus("snk").connector.state == .stopped)
        #expect(try await herder.connectorInfo("snk").tasks.isEmpty)
        try await herder.deleteConnector("snk")
        await #expect(throws: ConnectError.notFound("Connector snk not found")) { try await herder.connectorInfo("snk") }
        await herder.stop()
    }

    @Test func twoSinkTasksShareTheGroupsPartitionsAndDeliverEachRecordOnce() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("wide", partitions: 4)
        let values = (1...40).map { "v\($0)" }
        try await cluster.produce("wide", values.map { ("k\($0)", $0) })
        let output = temporaryPath("out.txt")
        let herder = try herder(cluster, offsets: temporaryPath("offsets"))
        try await herder.start()
        _ = try await herder.putConnectorConfig("wide", config: ["name": "wide", "connector.class": "LineSink", "file": output,
                                                                 "topics": "wide", "tasks.max": "2"], allowReplace: false)
        #expect(try await herder.connectorInfo("wide").tasks.count == 2)
        try await connectEventually { lines(output).count >= 40 }
        try await Task.sleep(for: .milliseconds(500))
        #expect(lines(output).sorted() == values.sorted())
        let statuses = try await herder.connectorStatus("wide").tasks.map(\.state)
        #expect(statuses == [.running, .running])
        // Both tasks' commits landed: the group has committed the end of every partition.
        try await connectEventually { try await herder.connectorOffsets("wide").map { $0.offset["kafka_offset"]?.integerValue ?? 0 }.reduce(0, +) == 40 }
        await herder.stop()
    }

    @Test func topicCreationDefaultsCreateTheSourcesTopic() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let input = temporaryPath("in.txt")
        try append(input, "a\n")
        let herder = try herder(cluster, offsets: temporaryPath("offsets"))
        try await herder.start()
        _ = try await herder.putConnectorConfig("src", config: [
            "name": "src", "connector.class": "LineSource", "file": input, "topic": "made",
            "topic.creation.default.partitions": "3", "topic.creation.default.replication.factor": "1",
            "topic.creation.default.retention.ms": "3600000",
        ], allowReplace: false)
        let read = try await cluster.readAll("made", seconds: 20) { !$0.isEmpty }
        #expect(read.map(\.valueString) == ["a"])
        let client = try cluster.client()
        let description = try await Admin(client: client).describeTopics(["made"]).first
        #expect(description?.partitions.count == 3)
        #expect(description?.configs.first { $0.name == "retention.ms" }?.value == "3600000")
        await client.close()
        await herder.stop()
    }

    @Test func existingConnectorsConflictUnlessReplaced() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let herder = try herder(cluster, offsets: temporaryPath("offsets"))
        try await herder.start()
        let config = ["name": "snk", "connector.class": "LineSink", "file": temporaryPath("o"), "topics": "t"]
        _ = try await herder.putConnectorConfig("snk", config: config, allowReplace: false)
        await #expect(throws: ConnectError.alreadyExists("Connector snk already exists")) {
            try await herder.putConnectorConfig("snk", config: config, allowReplace: false)
        }
        let (created, _) = try await herder.putConnectorConfig("snk", config: config, allowReplace: true)
        #expect(!created)
        await herder.stop()
    }
}
