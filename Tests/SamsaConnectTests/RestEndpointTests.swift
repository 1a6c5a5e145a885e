import Testing
@testable import SamsaConnect

/// Every endpoint over real HTTP, bodies compared with the JSON Kafka Connect writes for the same answers.
@Suite struct RestEndpointTests {
    static let sourceInfo = #"{"name":"local-file-source","config":{"connector.class":"FileStreamSource","file":"test.txt","name":"local-file-source","tasks.max":"1","topic":"connect-test"},"tasks":[{"connector":"local-file-source","task":0}],"type":"source"}"#
    static let sourceStatus = #"{"name":"local-file-source","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},"tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"}],"type":"source"}"#

    @Test func rootAnswersServerInfo() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let r = try await rest.get("/")
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json")
            #expect(r.body == #"{"version":"4.1.0","commit":"f1e2d3c4b5a69788","kafka_cluster_id":"MkU3OEVBNTcwNTJENDM2Qk"}"#)
        }
    }

    @Test func listsConnectorsPlainAndExpanded() async throws {
        let herder = RestFakeHerder.withFileSource()
        herder.add("local-file-sink", config: ["connector.class": "FileStreamSink", "file": "test.sink.txt", "topics": "connect-test"])
        try await RestTestServer.with(herder) { rest in
            #expect(try await rest.get("/connectors").body == #"["local-file-sink","local-file-source"]"#)
            let status = try await rest.get("/connectors?expand=status")
            #expect(status.status == 200)
            #expect(status.body.hasPrefix(#"{"local-file-sink":{"status":{"name":"local-file-sink","connector":{"state":"RUNNING""#))
            #expect(status.body.hasSuffix(#""local-file-source":{"status":\#(Self.sourceStatus)}}"#))
            let info = try await rest.get("/connectors?expand=info")
            #expect(info.body.hasSuffix(#""local-file-source":{"info":\#(Self.sourceInfo)}}"#))
            // Both, in the order asked; an unknown expansion is ignored as Kafka does.
            let both = try await rest.get("/connectors?expand=info&expand=status&expand=nonsense")
            #expect(both.body.hasSuffix(#""local-file-source":{"info":\#(Self.sourceInfo),"status":\#(Self.sourceStatus)}}"#))
        }
    }

    @Test func createsAConnectorWith201AndLocation() async throws {
        let herder = RestFakeHerder()
        try await RestTestServer.with(herder) { rest in
            let r = try await rest.post("/connectors", #"{"name":"local-file-source","config":{"connector.class":"FileStreamSource","tasks.max":1,"file":"test.txt","topic":"connect-test"}}"#)
            #expect(r.status == 201)
            #expect(r.body == Self.sourceInfo)
            #expect(r.header("Location") == "\(rest.base)/connectors/local-file-source")
            #expect(try await herder.connectorConfig("local-file-source")["tasks.max"] == "1")
            // initial_state PAUSED creates it paused (Kafka 3.5+).
            let paused = try await rest.post("/connectors", #"{"name":"p","config":{"connector.class":"FileStreamSink"},"initial_state":"paused"}"#)
            #expect(paused.status == 201)
            #expect(herder.target("p") == .paused)
        }
    }

    @Test func readsAndPutsConfig() async throws {
        let herder = RestFakeHerder.withFileSource()
        try await RestTestServer.with(herder) { rest in
            let get = try await rest.get("/connectors/local-file-source/config")
            #expect(get.body == #"{"connector.class":"FileStreamSource","file":"test.txt","name":"local-file-source","tasks.max":"1","topic":"connect-test"}"#)
            // Updating answers 200, creating 201; the name in the body is optional.
            let updated = try await rest.put("/connectors/local-file-source/config", #"{"connector.class":"FileStreamSource","tasks.max":"2","file":"other.txt","topic":"connect-test"}"#)
            #expect(updated.status == 200)
            #expect(updated.body.contains(#""tasks":[{"connector":"local-file-source","task":0},{"connector":"local-file-source","task":1}]"#))
            #expect(try await herder.connectorConfig("local-file-source")["file"] == "other.txt")
            let created = try await rest.put("/connectors/new-sink/config", #"{"name":"new-sink","connector.class":"FileStreamSink","topics":"connect-test"}"#)
            #expect(created.status == 201)
            #expect(created.header("Location") == "\(rest.base)/connectors/new-sink")
            #expect(created.body == #"{"name":"new-sink","config":{"connector.class":"FileStreamSink","name":"new-sink","topics":"connect-test"},"tasks":[{"connector":"new-sink","task":0}],"type":"sink"}"#)
        }
    }

    @Test func connectorInfoStatusAndTasks() async throws {
        let herder = RestFakeHerder.withFileSource()
        try await RestTestServer.with(herder) { rest in
            #expect(try await rest.get("/connectors/local-file-source").body == Self.sourceInfo)
            #expect(try await rest.get("/connectors/local-file-source/status").body == Self.sourceStatus)
            #expect(try await rest.get("/connectors/local-file-source/tasks").body
                == #"[{"id":{"connector":"local-file-source","task":0},"config":{"file":"test.txt","task.class":"FakeTask"}}]"#)
            let task = try await rest.get("/connectors/local-file-source/tasks/0/status")
            #expect(task.status == 200)
            #expect(task.body == #"{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"}"#)
        }
    }

    @Test func failedTaskStatusCarriesItsTrace() async throws {
        let herder = RestFakeHerder()
        herder.add("broken", config: ["connector.class": "FileStreamSource"], tasks: 2, failedTasks: [1])
        try await RestTestServer.with(herder) { rest in
            let failed = try await rest.get("/connectors/broken/tasks/1/status")
            #expect(failed.body
                == #"{"id":1,"state":"FAILED","worker_id":"127.0.0.1:8083","trace":"org.apache.kafka.connect.errors.ConnectException: boom\n\tat Task.poll"}"#)
        }
    }

    @Test func restartsAnswer204Or202WithStatus() async throws {
        let herder = RestFakeHerder()
        herder.add("broken", config: ["connector.class": "FileStreamSource"], tasks: 2, failedTasks: [1])
        try await RestTestServer.with(herder) { rest in
            let plain = try await rest.post("/connectors/broken/restart")
            #expect(plain.status == 204)
            #expect(plain.body == "")
            let all = try await rest.post("/connectors/broken/restart?includeTasks=true&onlyFailed=true")
            #expect(all.status == 202)
            #expect(all.body == #"{"name":"broken","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},"tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"},{"id":1,"state":"RESTARTING","worker_id":"127.0.0.1:8083"}],"type":"source"}"#)
            let includeOnly = try await rest.post("/connectors/broken/restart?includeTasks=TRUE")
            #expect(includeOnly.status == 202)
            let task = try await rest.post("/connectors/broken/tasks/1/restart")
            #expect(task.status == 204)
            #expect(herder.restarts.withLock { $0 } == ["broken false false", "broken true true", "broken true false", "broken-1"])
        }
    }

    @Test func pauseResumeStopAndDelete() async throws {
        let herder = RestFakeHerder.withFileSource()
        try await RestTestServer.with(herder) { rest in
            let pause = try await rest.put("/connectors/local-file-source/pause")
            #expect(pause.status == 202)
            #expect(pause.body == "")
            #expect(herder.target("local-file-source") == .paused)
            #expect(try await rest.get("/connectors/local-file-source/status").body.contains(#""connector":{"state":"PAUSED""#))
            #expect(try await rest.put("/connectors/local-file-source/resume").status == 202)
            #expect(herder.target("local-file-source") == .started)
            #expect(try await rest.put("/connectors/local-file-source/stop").status == 204)
            #expect(herder.target("local-file-source") == .stopped)
            let delete = try await rest.delete("/connectors/local-file-source")
            #expect(delete.status == 204)
            #expect(try await rest.get("/connectors").body == "[]")
        }
    }

    @Test func offsetsOfSourceAndSink() async throws {
        let herder = RestFakeHerder.withFileSource()
        herder.add("local-file-sink", config: ["connector.class": "FileStreamSink"])
        try await RestTestServer.with(herder) { rest in
            let source = try await rest.get("/connectors/local-file-source/offsets")
            #expect(source.body
                == #"{"offsets":[{"partition":{"filename":"test.txt"},"offset":{"position":8}}]}"#)
            let sink = try await rest.get("/connectors/local-file-sink/offsets")
            #expect(sink.body
                == #"{"offsets":[{"partition":{"kafka_partition":0,"kafka_topic":"connect-test"},"offset":{"kafka_offset":7}}]}"#)
        }
    }

    @Test func listsPluginsInKafkasOrder() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            #expect(try await rest.get("/connector-plugins").body
                == #"[{"class":"org.apache.kafka.connect.file.FileStreamSinkConnector","type":"sink","version":"4.1.0"},{"class":"org.apache.kafka.connect.file.FileStreamSourceConnector","type":"source","version":"4.1.0"}]"#)
            let all = try await rest.get("/connector-plugins?connectorsOnly=false")
            let kinds = all.json?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(kinds == ["sink", "source", "transformation", "predicate", "converter", "header_converter"])
            // A plugin without a version has no "version" field (Kafka's NoVersionFilter).
            #expect(all.body.hasSuffix(#"{"class":"org.apache.kafka.connect.storage.SimpleHeaderConverter","type":"header_converter"}]"#))
        }
    }

    @Test func validatesAConfig() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let r = try await rest.put("/connector-plugins/FileStreamSourceConnector/config/validate",
                                       #"{"connector.class":"org.apache.kafka.connect.file.FileStreamSourceConnector","topic":"t"}"#)
            #expect(r.status == 200)
            #expect(r.body == #"{"name":"org.apache.kafka.connect.file.FileStreamSourceConnector","error_count":1,"groups":["Common"],"configs":[{"definition":{"name":"file","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Source filename.","group":"Common","width":"LONG","display_name":"File","dependents":[],"order":1},"value":{"name":"file","value":null,"recommended_values":[],"errors":["Missing required configuration \"file\" which has no default value."],"visible":true}},{"definition":{"name":"batch.size","type":"INT","required":false,"default_value":"2000","importance":"LOW","documentation":"The maximum number of records the source task can read from the file each time it is polled","group":null,"width":"NONE","display_name":"batch.size","dependents":[],"order":-1},"value":{"name":"batch.size","value":"2000","recommended_values":[],"errors":[],"visible":true}}]}"#)
            // Kafka's check is one-way: the body's class must end with the URL's name (alias or full), so
            // a full name in the URL with the alias in the body is refused.
            let plain = try await rest.put("/connector-plugins/FileStreamSource/config/validate", #"{"file":"a"}"#)
            #expect(plain.status == 200)
            #expect(plain.json?["error_count"] == .integer(0))
            let reversed = try await rest.put("/connector-plugins/org.apache.kafka.connect.file.FileStreamSourceConnector/config/validate",
                                              #"{"connector.class":"FileStreamSource","file":"a"}"#)
            #expect(reversed.status == 400)
        }
    }

    @Test func namesWithSpacesAndSlashesAreDecoded() async throws {
        let herder = RestFakeHerder()
        try await RestTestServer.with(herder) { rest in
            let name = "my source/one"
            let created = try await rest.post("/connectors", #"{"name":"my source/one","config":{"connector.class":"FileStreamSource"}}"#)
            #expect(created.status == 201)
            #expect(created.header("Location") == "\(rest.base)/connectors/my%20source%2Fone")
            let path = "/connectors/\(RestClient.percentEncoded(name))"
            #expect(try await rest.get(path).json?["name"] == .string(name))
            #expect(try await rest.get(path + "/status").status == 200)
            #expect(try await rest.delete(path).status == 204)
            #expect(try await herder.connectors().isEmpty)
        }
    }
}
