import Foundation
import SamsaClient
@testable import SamsaConnect
import Testing

/// `errors.*` through a real in-process cluster: tolerated records go to the DLQ with Kafka's headers,
/// `errors.tolerance=none` fails the task with Kafka's trace.
@Suite(.serialized) struct ErrorHandlingTests {
    func herder(_ cluster: ConnectTestCluster) throws -> StandaloneHerder {
        StandaloneHerder(workerConfig: try cluster.workerConfig(offsetsFile: temporaryPath("offsets")), workerId: "127.0.0.1:8083",
                         plugins: WorkerTestPlugins.registry, logger: quietLogger())
    }

    @Test func toleratedConverterFailuresGoToTheDeadLetterQueueWithKafkasHeaders() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("in")
        try await cluster.produce("in", [("k1", "good1"), ("k2", "bad2"), ("k3", "good3")])
        let output = temporaryPath("out.txt")
        let herder = try herder(cluster)
        try await herder.start()
        _ = try await herder.putConnectorConfig("picky", config: [
            "name": "picky", "connector.class": "LineSink", "file": output, "topics": "in",
            "value.converter": "org.samsa.test.PickyConverter", "errors.tolerance": "all", "errors.log.enable": "true",
            "errors.deadletterqueue.topic.name": "dlq", "errors.deadletterqueue.topic.replication.factor": "1",
            "errors.deadletterqueue.context.headers.enable": "true",
        ], allowReplace: false)
        try await connectEventually { lines(output) == ["good1", "good3"] }
        let dlq = try await cluster.readAll("dlq") { !$0.isEmpty }
        #expect(dlq.count == 1)
        let record = try #require(dlq.first)
        #expect(record.keyString == "k2" && record.valueString == "bad2")
        var headers: [String: String] = [:]
        for h in record.headers { headers[h.key] = h.value.map { String(buffer: $0) } }
        #expect(headers["__connect.errors.topic"] == "in")
        #expect(headers["__connect.errors.partition"] == "0")
        #expect(headers["__connect.errors.offset"] == "1")
        #expect(headers["__connect.errors.connector.name"] == "picky")
        #expect(headers["__connect.errors.task.id"] == "0")
        #expect(headers["__connect.errors.stage"] == "VALUE_CONVERTER")
        #expect(headers["__connect.errors.class.name"] == "org.samsa.test.PickyConverter")
        #expect(headers["__connect.errors.exception.class.name"] == "org.apache.kafka.connect.errors.DataException")
        #expect(headers["__connect.errors.exception.message"] == "Cannot convert bad2")
        #expect(headers["__connect.errors.exception.stacktrace"]?.hasPrefix("org.apache.kafka.connect.errors.DataException: Cannot convert bad2") == true)
        #expect(herder.snapshot().connectors[0].tasks[0].recordsFailed == 1)
        #expect(try await herder.connectorStatus("picky").tasks.map(\.state) == [.running])
        await herder.stop()
    }

    @Test func toleranceNoneFailsTheTaskWithKafkasTrace() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("strict")
        try await cluster.produce("strict", [(nil, "good1"), (nil, "bad2"), (nil, "good3")])
        let output = temporaryPath("out.txt")
        let herder = try herder(cluster)
        try await herder.start()
        _ = try await herder.putConnectorConfig("strict", config: [
            "name": "strict", "connector.class": "LineSink", "file": output, "topics": "strict",
            "value.converter": "org.samsa.test.PickyConverter",
        ], allowReplace: false)
        try await connectEventually { try await herder.connectorStatus("strict").tasks.first?.state == .failed }
        let task = try await herder.taskStatus(ConnectorTaskId(connector: "strict", task: 0))
        #expect(task.trace == """
            org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler
            Caused by: org.apache.kafka.connect.errors.DataException: Cannot convert bad2
            """)
        #expect(try await herder.connectorStatus("strict").connector.state == .running)
        #expect(!lines(output).contains("good3"))
        #expect(herder.snapshot().connectors[0].tasks[0].trace == "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler")
        await herder.stop()
    }

    @Test func aFailingPutFailsTheTaskAndRestartRunsItAgain() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        try await cluster.createTopic("puts")
        try await cluster.produce("puts", [(nil, "fail-put")])
        let herder = try herder(cluster)
        try await herder.start()
        _ = try await herder.putConnectorConfig("puts", config: ["name": "puts", "connector.class": "LineSink",
                                                                 "file": temporaryPath("o"), "topics": "puts"], allowReplace: false)
        try await connectEventually { try await herder.connectorStatus("puts").tasks.first?.state == .failed }
        let trace = try await herder.connectorStatus("puts").tasks[0].trace ?? ""
        #expect(trace == """
            org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.
            Caused by: org.apache.kafka.connect.errors.ConnectException: put refused 0
            """)
        let restarted = try await herder.restartConnector("puts", includeTasks: true, onlyFailed: true)
        #expect(restarted?.connector.state == .running)
        #expect(restarted?.tasks.map(\.state) == [.restarting])
        try await connectEventually { try await herder.connectorStatus("puts").tasks.first?.state == .failed }
        await herder.stop()
    }

    @Test func aSourceSkipsRecordsItCannotConvertAndStillCommitsTheirOffsets() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let input = temporaryPath("in.txt")
        try append(input, "one\nbad-two\nthree\n")
        let herder = try herder(cluster)
        try await herder.start()
        _ = try await herder.putConnectorConfig("src", config: [
            "name": "src", "connector.class": "LineSource", "file": input, "topic": "skips",
            "value.converter": "org.samsa.test.PickyConverter", "errors.tolerance": "all",
            // Kafka's DLQ is for sink connectors only: a source ignores it.
            "errors.deadletterqueue.topic.name": "src-dlq",
        ], allowReplace: false)
        let records = try await cluster.readAll("skips") { $0.count >= 2 }
        #expect(records.map(\.valueString) == ["one", "three"])
        try await connectEventually {
            try await herder.connectorOffsets("src") == [ConnectorOffset(partition: ["filename": .string(input)], offset: ["position": .int64(3)])]
        }
        #expect(herder.snapshot().connectors[0].tasks[0].recordsFailed == 1)
        let client = try cluster.client()
        #expect(try await !Admin(client: client).listTopics().contains("src-dlq"))
        await client.close()
        await herder.stop()
    }

    @Test func retriableFailuresAreRetriedUntilTheTimeout() async throws {
        let handler = ErrorHandler(config: { var e = ConnectorConfig.Errors(); e.retryTimeoutMs = 5_000; e.retryDelayMaxMs = 10; return e }(),
                                   taskId: ConnectorTaskId(connector: "c", task: 0), logger: .init(label: "t"), deadLetterQueue: nil)
        var attempts = 0
        let value = try await handler.execute(.taskPut, className: "X", record: nil) { () throws -> Int in
            attempts += 1
            if attempts < 3 { throw ConnectError.retriable("later") }
            return 42
        }
        #expect(value == 42 && attempts == 3 && handler.failureCount == 0)

        let strict = ErrorHandler(config: ConnectorConfig.Errors(), taskId: ConnectorTaskId(connector: "c", task: 0),
                                  logger: .init(label: "t"), deadLetterQueue: nil)
        await #expect(throws: TaskFailure.self) {
            try await strict.execute(.keyConverter, className: "X", record: nil) { () throws -> Int in throw ConnectError.retriable("never") }
        }
        #expect(strict.failureCount == 1)
    }
}
