import Foundation
@testable import SamsaConnect
import Testing

@Suite struct StandaloneConfigTests {
    let plugins = WorkerTestPlugins.registry

    @Test func connectorConfigReadsKafkasSettings() throws {
        let config = try ConnectorConfig([
            "name": "s", "connector.class": "LineSinkConnector", "tasks.max": "2", "file": "/tmp/f", "topics": "a, b",
            "value.converter": "org.samsa.test.PickyConverter", "value.converter.schemas.enable": "false",
            "errors.tolerance": "all", "errors.deadletterqueue.topic.name": "dlq", "errors.deadletterqueue.context.headers.enable": "true",
            "errors.deadletterqueue.topic.replication.factor": "1", "errors.retry.timeout": "1000",
        ], plugins: plugins)
        #expect(config.type == .sink)
        #expect(config.tasksMax == 2)
        #expect(config.topics == ["a", "b"])
        #expect(config.valueConverter == "org.samsa.test.PickyConverter")
        #expect(config.valueConverterConfig == ["schemas.enable": "false"])
        #expect(config.errors.tolerateAll)
        #expect(config.errors.deadLetterQueueTopic == "dlq")
        #expect(config.errors.deadLetterQueueContextHeaders)
        #expect(config.errors.deadLetterQueueReplicationFactor == 1)
        #expect(config.errors.retryTimeoutMs == 1000)
    }

    @Test func sourceConnectorsHaveNoDeadLetterQueue() throws {
        let config = try ConnectorConfig(["name": "s", "connector.class": "LineSource", "file": "f", "topic": "t",
                                          "errors.deadletterqueue.topic.name": "dlq"], plugins: plugins)
        #expect(config.errors.deadLetterQueueTopic == nil)
    }

    @Test func badConfigsAreKafkasSentences() {
        #expect(throws: ConnectError.badRequest("Connector config {name=x} contains no connector type")) {
            try ConnectorConfig(["name": "x"], plugins: plugins)
        }
        #expect(throws: ConnectError.badRequest("Failed to find any class that implements Connector and which name matches Nope, available connectors are: org.samsa.test.LineSinkConnector, org.samsa.test.LineSourceConnector")) {
            try ConnectorConfig(["name": "x", "connector.class": "Nope"], plugins: plugins)
        }
        #expect(throws: ConnectError.badRequest("""
            Connector configuration is invalid and contains the following 2 error(s):
            Must configure one of topics or topics.regex
            Must configure one of topics or topics.regex
            You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`
            """)) {
            try ConnectorConfig(["name": "x", "connector.class": "LineSink", "file": "f"], plugins: plugins)
        }
        #expect(throws: ConnectError.badRequest("""
            Connector configuration is invalid and contains the following 1 error(s):
            Invalid value 0 for configuration tasks.max: Value must be at least 1
            You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`
            """)) {
            try ConnectorConfig(["name": "x", "connector.class": "LineSource", "file": "f", "topic": "t", "tasks.max": "0"], plugins: plugins)
        }
        #expect(throws: ConnectError.badRequest("""
            Connector configuration is invalid and contains the following 1 error(s):
            Missing required configuration "topic" which has no default value.
            You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`
            """)) {
            try ConnectorConfig(["name": "x", "connector.class": "LineSource", "file": "f"], plugins: plugins)
        }
    }

    @Test func deadLetterQueueMayNotBeAConsumedTopic() throws {
        let infos = try ConnectorConfig.validate(["name": "x", "connector.class": "LineSink", "file": "f", "topics": "a,dlq",
                                                  "errors.deadletterqueue.topic.name": "dlq"], plugins: plugins)
        #expect(infos.errorCount == 1)
        let topics = infos.configs.first { $0.value.name == "topics" }
        #expect(topics?.value.errors == ["The DLQ topic 'dlq' may not be included in the list of topics ('topics=[a, dlq]') consumed by the connector"])
        #expect(infos.groups.contains("Error Handling"))
    }

    @Test func connectorFilesAreReadAsKafka38Does() throws {
        let props = try ConnectorConfigFile.parse(Data("name=local-file-source\nconnector.class=FileStreamSource\ntopic=connect-test\n".utf8), path: "a.properties")
        #expect(props == ConnectorConfigFile(name: "local-file-source", config: ["name": "local-file-source", "connector.class": "FileStreamSource", "topic": "connect-test"]))
        let flat = try ConnectorConfigFile.parse(Data(#"{"name":"j","connector.class":"FileStreamSink","topics":"t","tasks.max":1}"#.utf8), path: "a.json")
        #expect(flat.name == "j" && flat.config["topics"] == "t" && flat.config["tasks.max"] == "1")
        let request = try ConnectorConfigFile.parse(Data(#"{"name":"r","config":{"connector.class":"FileStreamSink"},"initial_state":"PAUSED"}"#.utf8), path: "b.json")
        #expect(request == ConnectorConfigFile(name: "r", config: ["name": "r", "connector.class": "FileStreamSink"], initialState: .paused))
        #expect(throws: ConnectError.config("Connector configuration at 'c.properties' is missing the mandatory 'name' configuration")) {
            try ConnectorConfigFile.parse(Data("connector.class=FileStreamSink\n".utf8), path: "c.properties")
        }
        #expect(throws: ConnectError.config("Connector name configuration in 'config' doesn't match the one specified in 'name' at 'd.json'")) {
            try ConnectorConfigFile.parse(Data(#"{"name":"r","config":{"name":"q"}}"#.utf8), path: "d.json")
        }
    }

    @Test func offsetsFileRoundTripsAndACorruptFileIsOneSentenceAndKept() async throws {
        let path = temporaryPath("offsets")
        let store = FileOffsetStore(path: path)
        try await store.start()
        try await store.write(connector: "src", offsets: [["filename": .string("test.txt")]: ["position": .int64(8)]])
        try await store.write(connector: "other", offsets: [["filename": .string("b")]: ["position": .int64(1), "ratio": .float64(0.5)]])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"format":"samsa-connect-offsets","version":1,"offsets":[{"key":["other",{"filename":"b"}],"value":{"position":1,"ratio":0.5}},{"key":["src",{"filename":"test.txt"}],"value":{"position":8}}]}"#)
        let reloaded = FileOffsetStore(path: path)
        try await reloaded.start()
        #expect(await reloaded.offsets(connector: "src") == [["filename": .string("test.txt")]: ["position": .int64(8)]])
        #expect(await reloaded.offsets(connector: "other") == [["filename": .string("b")]: ["position": .int64(1), "ratio": .float64(0.5)]])

        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: ConnectError.self) { try await FileOffsetStore(path: path).start() }
        do {
            try await FileOffsetStore(path: path).start()
        } catch {
            #expect("\(error)".hasPrefix("The offsets file \(path) (offset.storage.file.filename) is corrupt or unreadable"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{not json")
    }
}
