import Testing
@testable import SamsaConnect

/// Every error the REST API answers, with Kafka's status codes and `{"error_code","message"}` bodies.
@Suite struct RestErrorTests {
    static func error(_ code: Int, _ message: String) -> String {
        JSONValue.object(JSONObject([("error_code", .integer(Int64(code))), ("message", .string(message))])).compactString
    }

    @Test func unknownConnectorIs404EverywhereWithKafkasSentence() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let notFound = Self.error(404, "Connector nope not found")
            for path in ["/connectors/nope", "/connectors/nope/config", "/connectors/nope/tasks", "/connectors/nope/offsets"] {
                let r = try await rest.get(path)
                #expect(r.status == 404, "\(path)")
                #expect(r.body == notFound, "\(path)")
            }
            let status = try await rest.get("/connectors/nope/status")
            #expect(status.status == 404)
            #expect(status.body == Self.error(404, "No status found for connector nope"))
            for path in ["/connectors/nope/pause", "/connectors/nope/resume", "/connectors/nope/stop"] {
                #expect(try await rest.put(path).body == notFound, "\(path)")
            }
            #expect(try await rest.post("/connectors/nope/restart").body == notFound)
            #expect(try await rest.post("/connectors/nope/restart?includeTasks=true").body == notFound)
            #expect(try await rest.post("/connectors/nope/tasks/0/restart").body == notFound)
            #expect(try await rest.delete("/connectors/nope").body == notFound)
            let task = try await rest.get("/connectors/nope/tasks/0/status")
            #expect(task.status == 404)
            #expect(task.body == Self.error(404, "No status found for task nope-0"))
        }
    }

    @Test func unknownTaskIs404() async throws {
        try await RestTestServer.with(RestFakeHerder.withFileSource()) { rest in
            let r = try await rest.post("/connectors/local-file-source/tasks/5/restart")
            #expect(r.status == 404)
            #expect(r.body == Self.error(404, "Task local-file-source-5 not found"))
            // A task id that is not a number matches no resource method: Jersey's 404.
            let bad = try await rest.get("/connectors/local-file-source/tasks/zero/status")
            #expect(bad.status == 404)
            #expect(bad.body == Self.error(404, "HTTP 404 Not Found"))
        }
    }

    @Test func existingConnectorIs409() async throws {
        try await RestTestServer.with(RestFakeHerder.withFileSource()) { rest in
            let r = try await rest.post("/connectors", #"{"name":"local-file-source","config":{"connector.class":"FileStreamSource"}}"#)
            #expect(r.status == 409)
            #expect(r.body == Self.error(409, "Connector local-file-source already exists"))
        }
    }

    @Test func missingNameAndMismatchedNameAre400() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let noName = try await rest.post("/connectors", #"{"config":{"connector.class":"FileStreamSource"}}"#)
            #expect(noName.status == 400)
            #expect(noName.body == Self.error(400, "Connector configuration is invalid and contains the following 1 error(s):\nInvalid value  for configuration name: String may not be empty\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"))
            let blank = try await rest.post("/connectors", #"{"name":"   ","config":{"connector.class":"FileStreamSource"}}"#)
            #expect(blank.status == 400)
            let mismatch = try await rest.post("/connectors", #"{"name":"a","config":{"name":"b","connector.class":"FileStreamSource"}}"#)
            #expect(mismatch.status == 400)
            #expect(mismatch.body == Self.error(400, "Connector name configuration (b) doesn't match connector name in the URL (a)"))
            let put = try await rest.put("/connectors/a/config", #"{"name":"b","connector.class":"FileStreamSource"}"#)
            #expect(put.status == 400)
            #expect(put.body == Self.error(400, "Connector name configuration (b) doesn't match connector name in the URL (a)"))
            // The herder's own validation errors pass through.
            let noClass = try await rest.put("/connectors/a/config", #"{"file":"x"}"#)
            #expect(noClass.status == 400)
            #expect(noClass.body == Self.error(400, "Connector config {name=a} contains no connector type"))
            let nullValue = try await rest.put("/connectors/a/config", #"{"connector.class":"FileStreamSource","file":null}"#)
            #expect(nullValue.status == 400)
            #expect(nullValue.json?["message"]?.stringValue?.contains("\nNull value can not be supplied as the configuration value.\n") == true)
        }
    }

    /// Kafka registers no Jackson exception mappers, so unreadable bodies reach `ConnectExceptionMapper` as
    /// plain exceptions: 500 with Jackson's sentence (Kafka's OffsetsApiIntegrationTest asserts 500 too).
    @Test func unreadableBodiesAre500LikeKafkas() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let bad = try await rest.post("/connectors", #"{"name": "x", config}"#)
            #expect(bad.status == 500)
            #expect(bad.json?["error_code"] == .integer(500))
            #expect(bad.json?["message"]?.stringValue?.isEmpty == false)
            let empty = try await rest.post("/connectors", "")
            #expect(empty.body == Self.error(500, "No content to map due to end-of-input"))
            let array = try await rest.put("/connectors/a/config", "[]")
            #expect(array.body == Self.error(500, "Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.String>` from Array value (token `JsonToken.START_ARRAY`)"))
            let nested = try await rest.put("/connectors/a/config", #"{"connector.class":{"x":1}}"#)
            #expect(nested.body == Self.error(500, "Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)"))
            let unknown = try await rest.post("/connectors", #"{"name":"x","config":{},"tasks":1}"#)
            #expect(unknown.status == 500)
            #expect(unknown.json?["message"]?.stringValue?.hasPrefix(#"Unrecognized field "tasks" (class org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest)"#) == true)
            let state = try await rest.post("/connectors", #"{"name":"x","config":{"connector.class":"FileStreamSource"},"initial_state":"asleep"}"#)
            #expect(state.status == 500)
            #expect(state.json?["message"]?.stringValue?.hasSuffix("No enum constant org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest.InitialState.ASLEEP") == true)
        }
    }

    @Test func unknownPathsAre404AndWrongMethods405() async throws {
        try await RestTestServer.with(RestFakeHerder.withFileSource()) { rest in
            for path in ["/nope", "/connectors/local-file-source/nope", "/connectors/local-file-source/tasks/0", "/connector-plugins/x/config/nope"] {
                let r = try await rest.get(path)
                #expect(r.status == 404, "\(path)")
                #expect(r.body == Self.error(404, "HTTP 404 Not Found"), "\(path)")
            }
            let notAllowed = Self.error(405, "HTTP 405 Method Not Allowed")
            #expect(try await rest.delete("/connectors").body == notAllowed)
            #expect(try await rest.post("/connectors/local-file-source").body == notAllowed)
            #expect(try await rest.get("/connectors/local-file-source/pause").body == notAllowed)
            #expect(try await rest.post("/connectors/local-file-source/stop").body == notAllowed)
            #expect(try await rest.get("/connectors/local-file-source/restart").body == notAllowed)
            #expect(try await rest.post("/connector-plugins/FileStreamSource/config/validate", "{}").body == notAllowed)
            let r = try await rest.put("/", "{}")
            #expect(r.status == 405)
        }
    }

    @Test func formBodiesAre415AndNonJSONAccept406() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            // curl -d without -H 'Content-Type: application/json' sends a form type; Jersey refuses it.
            let form = try await rest.client.request(.POST, rest.base + "/connectors", body: "name=x",
                                                     headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(form.status == 415)
            #expect(form.body == Self.error(415, "HTTP 415 Unsupported Media Type"))
            let charset = try await rest.client.request(.POST, rest.base + "/connectors",
                                                        body: #"{"name":"x","config":{"connector.class":"FileStreamSource"}}"#,
                                                        headers: [("Content-Type", "application/json; charset=UTF-8")])
            #expect(charset.status == 201)
            let xml = try await rest.client.request(.GET, rest.base + "/connectors", headers: [("Accept", "application/xml")])
            #expect(xml.status == 406)
            #expect(xml.body == Self.error(406, "HTTP 406 Not Acceptable"))
        }
    }

    @Test func validateChecksTheIncludedClassAndPassesHerderErrors() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let mismatch = try await rest.put("/connector-plugins/FileStreamSinkConnector/config/validate",
                                              #"{"connector.class":"FileStreamSource"}"#)
            #expect(mismatch.status == 400)
            #expect(mismatch.body == Self.error(400, "Included connector type FileStreamSource does not match request type FileStreamSinkConnector"))
            let unknown = try await rest.put("/connector-plugins/Nope/config/validate", "{}")
            #expect(unknown.status == 400)
            #expect(unknown.body == Self.error(400, "Failed to find any class that implements Connector and which name matches Nope"))
        }
    }
}
