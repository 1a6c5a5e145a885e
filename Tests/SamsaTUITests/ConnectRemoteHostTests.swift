import Foundation
import SamsaConnect
import Testing
@testable import SamsaTUI

/// The workbench's Connect host on `--connect-url`: its herder is the REST API of a Connect cluster (here a
/// real `ConnectRestServer` over a fake herder), what the view draws comes from the REST polls, actions reach
/// the cluster, and a cluster that stops answering is told once in the event log and in the status.
@Suite struct ConnectRemoteHostTests {
    @Test func theHostDrivesAConnectClusterOverRest() async throws {
        let cluster = ConnectFakeHerder()
        let server = ConnectRestServer(listeners: ["http://127.0.0.1:0"], herder: cluster)
        try await server.start()
        let url = "http://127.0.0.1:\(server.port!)"
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("samsa-connect-remote-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = ConnectHost(bootstrap: "b:1", directory: dir, launcher: ConnectRemoteLauncher.launcher(url: url))

        _ = try await host.herder()
        try await host.create(name: "local-file-source", config: ["connector.class": "FileStreamSource", "file": "/x/test.txt", "topic": "connect-test"])
        #expect(cluster.calls.contains("put local-file-source"))
        try await eventually {
            await host.poll()
            return host.status.snapshot?.connectors.map(\.name) == ["local-file-source"]
        }
        #expect(host.status.remote?.url == url + "/")
        #expect(host.status.remote?.failingSince == nil)
        #expect(host.status.snapshot?.mode == "remote")
        #expect(host.events.contains { $0.text == "Showing the Kafka Connect cluster at \(url)/ through its REST API" })

        try await host.control("local-file-source", .pause)
        #expect(try await cluster.connectorStatus("local-file-source").connector.state == .paused)
        await #expect(throws: WorkbenchError("Connector nope not found")) { try await host.control("nope", .pause) }

        await server.stop()
        try await eventually {
            await host.poll()
            return host.status.remote?.failingSince != nil
        }
        // The last view is kept; the event log says once that it stopped answering.
        #expect(host.status.snapshot?.connectors.map(\.name) == ["local-file-source"])
        await host.poll()
        #expect(host.events.filter { $0.text.hasPrefix("Connect REST at \(url)/ not answering since ") }.count == 1)
        await host.close()
    }

    private func eventually(_ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await condition(), "the condition did not hold within 60 s")
    }
}
