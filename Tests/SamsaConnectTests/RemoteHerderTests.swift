import Foundation
import NIOPosix
import Testing
@testable import SamsaConnect

/// The REST-backed herder against a real `ConnectRestServer` over a StandaloneHerder on an in-process
/// cluster: its snapshot shows what the real worker runs, its actions reach the real worker, Kafka's error
/// answers come back as the same `ConnectError`, and an unreachable URL is one "not answering" state that
/// clears when the API answers.
@Suite(.serialized) struct RemoteHerderTests {
    @Test func snapshotActionsAndErrorsGoThroughRest() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        let input = temporaryPath("test.txt"), offsets = temporaryPath("connect.offsets")
        try append(input, "foo\nbar\n")
        let real = StandaloneHerder(workerConfig: try cluster.workerConfig(offsetsFile: offsets), workerId: "127.0.0.1:8083",
                                    logger: quietLogger())
        try await real.start()
        let rest = try await RestTestServer.start(real)
        let remote = try RemoteHerder(url: rest.base)
        #expect(remote.workerId == "127.0.0.1:\(rest.server.port!)")

        // Created through the remote herder: the real worker runs it (POST /connectors → 201).
        let config = ["connector.class": "FileStreamSource", "tasks.max": "1", "file": input, "topic": "connect-test"]
        let created = try await remote.putConnectorConfig("local-file-source", config: config, allowReplace: false)
        #expect(created.created)
        #expect(created.info.name == "local-file-source" && created.info.type == .source)
        #expect(created.info.config["file"] == input)
        #expect(try await real.connectors() == ["local-file-source"])

        // The snapshot is the last poll's: the connector and its task RUNNING on the real worker's id.
        try await connectEventually {
            await remote.poll()
            let connector = remote.snapshot().connectors.first
            return connector?.state == .running && connector?.tasks.first?.state == .running
        }
        let snapshot = remote.snapshot()
        #expect(snapshot.mode == "remote")
        #expect(snapshot.restURL == rest.base + "/")
        #expect(snapshot.workers.map(\.id) == ["127.0.0.1:8083"])
        let connector = try #require(snapshot.connectors.first)
        #expect(connector.name == "local-file-source" && connector.type == .source)
        #expect(connector.className == "FileStreamSource")
        #expect(connector.topics == ["connect-test"])
        #expect(connector.tasks.map(\.id) == [0] && connector.tasks[0].workerId == "127.0.0.1:8083")
        #expect(remote.current.failingSince == nil)
        #expect(remote.plugins().contains { $0.className == "org.apache.kafka.connect.file.FileStreamSinkConnector" && $0.kind == .sink })

        // Offsets as the REST API gives them: the file source's {"filename"} → {"position": 8 bytes read}.
        try await connectEventually {
            await remote.poll()
            return remote.current.offsets["local-file-source"] == [ConnectorOffset(partition: ["filename": .string(input)], offset: ["position": .int64(8)])]
        }

        // Every Herder call is its REST request, answered as the real herder answers.
        #expect(try await remote.connectors() == ["local-file-source"])
        #expect(try await remote.connectorConfig("local-file-source") == (try await real.connectorConfig("local-file-source")))
        #expect(try await remote.connectorInfo("local-file-source").tasks == [ConnectorTaskId(connector: "local-file-source", task: 0)])
        #expect(try await remote.taskConfigs("local-file-source").map(\.id.task) == [0])
        #expect(try await remote.taskStatus(ConnectorTaskId(connector: "local-file-source", task: 0)).state == .running)
        #expect(try await remote.serverInfo().kafkaClusterId == (try await real.serverInfo().kafkaClusterId))
        let validation = try await remote.validate(pluginClass: "FileStreamSourceConnector",
                                                   config: ["connector.class": "FileStreamSource", "name": "v", "topic": "t", "file": "f"])
        #expect(validation.errorCount == 0 && validation.configs.contains { $0.definition.name == "file" && $0.value.value == "f" })

        // Pausing through the remote herder pauses the real one; resuming resumes it.
        try await remote.pauseConnector("local-file-source")
        try await connectEventually { try await real.connectorStatus("local-file-source").connector.state == .paused }
        try await connectEventually {
            await remote.poll()
            return remote.snapshot().connectors.first?.state == .paused
        }
        try await remote.resumeConnector("local-file-source")
        try await connectEventually { try await real.connectorStatus("local-file-source").connector.state == .running }
        #expect(try await remote.restartConnector("local-file-source", includeTasks: false, onlyFailed: false) == nil)
        let restarted = try await remote.restartConnector("local-file-source", includeTasks: true, onlyFailed: false)
        #expect(restarted?.name == "local-file-source")

        // Kafka's error answers become the same ConnectError (status and sentence).
        await #expect(throws: ConnectError.notFound("Connector nope not found")) { try await remote.pauseConnector("nope") }
        await #expect(throws: ConnectError.alreadyExists("Connector local-file-source already exists")) {
            _ = try await remote.putConnectorConfig("local-file-source", config: config, allowReplace: false)
        }
        do {
            _ = try await remote.putConnectorConfig("bad", config: ["connector.class": "NoSuchConnector"], allowReplace: true)
            Issue.record("an unknown connector class was accepted")
        } catch let error as ConnectError {
            #expect(error.httpStatus == 400)
            #expect(error.message.contains("NoSuchConnector"))
        }

        // Deleted through the remote herder: gone from the real worker and from the snapshot.
        try await remote.deleteConnector("local-file-source")
        #expect(try await real.connectors() == [])
        #expect(remote.snapshot().connectors.isEmpty)

        await rest.server.stop()
        await real.stop()
    }

    /// Nothing listens at the URL: one "not answering" state with its reason, the last snapshot kept (none
    /// yet), and the state clears once a REST API answers there.
    @Test func anUnreachableURLIsOneStateThatClearsWhenItAnswers() async throws {
        // A port that was free a moment ago: bind, note it, release.
        let probe = ConnectRestServer(listeners: ["http://127.0.0.1:0"], herder: RestFakeHerder())
        try await probe.start()
        let port = probe.port!
        await probe.stop()

        let remote = try RemoteHerder(url: "http://127.0.0.1:\(port)")
        await remote.poll()
        let failing = remote.current
        let since = try #require(failing.failingSince)
        #expect(failing.failure?.contains("127.0.0.1:\(port)") == true)
        #expect(failing.snapshot == nil)
        #expect(remote.snapshot().connectors.isEmpty)
        await remote.poll()
        #expect(remote.current.failingSince == since)
        await #expect(throws: ConnectError.self) { _ = try await remote.connectors() }

        let fake = RestFakeHerder.withFileSource()
        let server = ConnectRestServer(listeners: ["http://127.0.0.1:\(port)"], herder: fake)
        try await server.start()
        await remote.poll()
        #expect(remote.current.failingSince == nil && remote.current.failure == nil)
        #expect(remote.snapshot().connectors.map(\.name) == ["local-file-source"])
        await server.stop()
    }

    @Test func aURLThatIsNotHTTPIsRefused() {
        #expect(throws: ConnectError.self) { try RemoteHerder(url: "https://connect:8083") }
        #expect(throws: ConnectError.self) { try RemoteHerder(url: "http://connect:port") }
    }
}
