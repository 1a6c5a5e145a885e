import Foundation
import SamsaClient
@testable import SamsaConnect
import Testing

/// The shipped plugins end to end: Kafka's FileStreamSource/Sink with JsonConverter, a RegexRouter transform
/// on the source and `topics.regex` on the sink.
@Suite(.serialized) struct StandaloneQuickStartTests {
    @Test func fileStreamConnectorsWithJsonConverterAndATransform() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let input = temporaryPath("test.txt"), output = temporaryPath("test.sink.txt")
        try append(input, "foo\nbar\n")
        let config = try WorkerConfig(properties: [
            "bootstrap.servers": cluster.bootstrap,
            "key.converter": "org.apache.kafka.connect.json.JsonConverter",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable": "true", "value.converter.schemas.enable": "true",
            "offset.storage.file.filename": temporaryPath("offsets"), "offset.flush.interval.ms": "200",
        ], distributed: false)
        let herder = StandaloneHerder(workerConfig: config, workerId: "127.0.0.1:8083", logger: quietLogger())
        try await herder.start()
        _ = try await herder.putConnectorConfig("local-file-source", config: [
            "name": "local-file-source", "connector.class": "FileStreamSource", "tasks.max": "1", "file": input,
            "topic": "connect-test", "transforms": "route",
            "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
            "transforms.route.regex": "connect-(.*)", "transforms.route.replacement": "routed-$1",
        ], allowReplace: false)
        _ = try await herder.putConnectorConfig("local-file-sink", config: [
            "name": "local-file-sink", "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "tasks.max": "1", "file": output, "topics.regex": "routed-.*",
        ], allowReplace: false)
        let records = try await cluster.readAll("routed-test") { $0.count >= 2 }
        #expect(records.map(\.valueString) == [#"{"schema":{"type":"string","optional":false},"payload":"foo"}"#,
                                                #"{"schema":{"type":"string","optional":false},"payload":"bar"}"#])
        #expect(records.allSatisfy { $0.key == nil })
        try await connectEventually(120) { lines(output) == ["foo", "bar"] }
        #expect(try await herder.taskConfigs("local-file-sink").first?.config["topics.regex"] == "routed-.*")
        await herder.stop()
    }
}
