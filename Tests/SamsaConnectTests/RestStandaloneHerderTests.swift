import Foundation
import Testing
@testable import SamsaConnect

/// The REST API over the real StandaloneHerder and an in-process cluster: Kafka's quick-start file source
/// created, watched, paused, stopped and deleted over HTTP.
@Suite(.serialized) struct RestStandaloneHerderTests {
    @Test func quickStartSourceOverRest() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let input = temporaryPath("test.txt"), offsets = temporaryPath("connect.offsets")
        try append(input, "foo\nbar\n")
        let herder = StandaloneHerder(workerConfig: try cluster.workerConfig(offsetsFile: offsets), workerId: "127.0.0.1:8083",
                                      logger: quietLogger())
        try await herder.start()
        let rest = try await RestTestServer.start(herder)

        let root = try await rest.get("/")
        #expect(root.status == 200)
        #expect(root.json?["kafka_cluster_id"]?.stringValue?.isEmpty == false)

        let body = #"{"name":"local-file-source","config":{"connector.class":"FileStreamSource","tasks.max":"1","file":"\#(input)","topic":"connect-test"}}"#
        let created = try await rest.post("/connectors", body)
        #expect(created.status == 201)
        #expect(created.json?["type"] == .string("source"))
        #expect(created.json?["config"]?["file"] == .string(input))

        try await connectEventually {
            let status = try await rest.get("/connectors/local-file-source/status").json
            return status?["connector"]?["state"] == .string("RUNNING") && status?["tasks"]?[0]?["state"] == .string("RUNNING")
        }
        #expect(try await rest.get("/connectors/local-file-source/tasks/0/status").body
            == #"{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"}"#)
        #expect(try await rest.get("/connectors").body == #"["local-file-source"]"#)
        #expect(try await rest.get("/connectors/local-file-source").json?["tasks"] == [["connector": "local-file-source", "task": 0]])

        // Kafka's FileStreamSource offsets, once committed: {"filename"} → {"position": bytes read}.
        let expectedOffsets = JSONValue.object(JSONObject([("offsets", [["partition": ["filename": .string(input)], "offset": ["position": 8]]])]))
        try await connectEventually { try await rest.get("/connectors/local-file-source/offsets").json == expectedOffsets }

        let again = try await rest.post("/connectors", body)
        #expect(again.status == 409)
        #expect(again.body == RestErrorTests.error(409, "Connector local-file-source already exists"))

        let plugins = try await rest.get("/connector-plugins")
        #expect(plugins.json?.arrayValue?.contains { $0["class"] == .string("org.apache.kafka.connect.file.FileStreamSinkConnector") } == true)
        let validate = try await rest.put("/connector-plugins/FileStreamSourceConnector/config/validate",
                                          #"{"connector.class":"FileStreamSource","name":"v","topic":"t","file":"f"}"#)
        #expect(validate.status == 200)
        #expect(validate.json?["error_count"] == .integer(0))

        #expect(try await rest.put("/connectors/local-file-source/pause").status == 202)
        try await connectEventually {
            try await rest.get("/connectors/local-file-source/status").json?["connector"]?["state"] == .string("PAUSED")
        }
        #expect(try await rest.put("/connectors/local-file-source/resume").status == 202)
        try await connectEventually {
            try await rest.get("/connectors/local-file-source/status").json?["connector"]?["state"] == .string("RUNNING")
        }
        #expect(try await rest.put("/connectors/local-file-source/stop").status == 204)
        try await connectEventually {
            try await rest.get("/connectors/local-file-source/status").json?["connector"]?["state"] == .string("STOPPED")
        }
        #expect(try await rest.delete("/connectors/local-file-source").status == 204)
        let gone = try await rest.get("/connectors/local-file-source")
        #expect(gone.status == 404)
        #expect(gone.body == RestErrorTests.error(404, "Connector local-file-source not found"))

        await rest.server.stop()
        await herder.stop()
    }
}
