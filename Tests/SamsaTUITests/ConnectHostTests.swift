import Foundation
import SamsaConnect
import Synchronization
import Testing
@testable import SamsaTUI

/// The workbench's Connect worker: started once, on first use, in its directory; connectors created and
/// controlled through the herder with Kafka's sentences for what goes wrong; the view's status built from the
/// herder's snapshot and the files' tails; each action told in the event log.
@Suite struct ConnectHostTests {
    private static func directory() -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("samsa-connect-host-\(UUID().uuidString)")
    }

    private final class Launches: Sendable {
        let herder = ConnectFakeHerder()
        let count = Atomic<Int>(0)
        let failFirst: Bool
        let seen: Mutex<[String]> = Mutex([])
        init(failFirst: Bool = false) { self.failFirst = failFirst }

        var launcher: ConnectLauncher {
            { [self] bootstrap, directory, _ in
                let attempt = count.wrappingAdd(1, ordering: .relaxed).newValue
                seen.withLock { $0.append("\(bootstrap) \(directory)") }
                try await Task.sleep(for: .milliseconds(20))
                if failFirst && attempt == 1 { throw WorkbenchError("bootstrap unreachable") }
                return herder
            }
        }
    }

    @Test func theWorkerStartsOnceOnFirstUseInItsDirectory() async throws {
        let launches = Launches(), dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = ConnectHost(bootstrap: "127.0.0.1:9092", directory: dir, launcher: launches.launcher)
        #expect(host.status == WorkbenchConnect(directory: dir))
        #expect(launches.count.load(ordering: .relaxed) == 0)
        async let first: Void = host.create(name: "a", config: ["connector.class": "FileStreamSource", "file": "\(dir)/a.txt", "topic": "t"])
        async let second: Void = host.create(name: "b", config: ["connector.class": "FileStreamSink", "file": "\(dir)/b.txt", "topics": "t"])
        _ = try await (first, second)
        #expect(launches.count.load(ordering: .relaxed) == 1)
        #expect(launches.seen.withLock { $0 } == ["127.0.0.1:9092 \(dir)"])
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(host.status.snapshot?.connectors.map(\.name) == ["a", "b"])
        #expect(host.events.first?.text == "Connect worker wb-host:workbench started (standalone, offsets in \(dir))")
        await host.close()
        #expect(launches.herder.closed)
    }

    @Test func aFailedStartIsOneSentenceAndTheNextUseTriesAgain() async throws {
        let launches = Launches(failFirst: true), dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = ConnectHost(bootstrap: "b:1", directory: dir, launcher: launches.launcher)
        await #expect(throws: WorkbenchError("The Connect worker did not start: bootstrap unreachable.")) {
            try await host.create(name: "a", config: ["connector.class": "FileStreamSource", "topic": "t"])
        }
        try await host.create(name: "a", config: ["connector.class": "FileStreamSource", "topic": "t"])
        #expect(launches.count.load(ordering: .relaxed) == 2)
        await host.close()
    }

    @Test func controlsGoToTheHerderAndItsErrorsAreKafkasSentences() async throws {
        let launches = Launches(), dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = ConnectHost(bootstrap: "b:1", directory: dir, launcher: launches.launcher)
        // No worker yet: nothing to control, and none is started for it.
        await #expect(throws: WorkbenchError("Connector s not found")) { try await host.control("s", .pause) }
        #expect(launches.count.load(ordering: .relaxed) == 0)
        try await host.create(name: "s", config: ["connector.class": "FileStreamSource", "file": "in.txt", "topic": "t"])
        await #expect(throws: WorkbenchError("Connector s already exists")) {
            try await host.create(name: "s", config: ["connector.class": "FileStreamSource", "topic": "t"])
        }
        try await host.control("s", .pause)
        #expect(host.status.connector(named: "s")?.state == .paused)
        try await host.control("s", .resume)
        try await host.control("s", .restart)
        try await host.control("s", .delete)
        await #expect(throws: WorkbenchError("Connector s not found")) { try await host.control("s", .delete) }
        #expect(launches.herder.calls == ["put s", "put s", "pause s", "resume s", "restart s includeTasks=true onlyFailed=false",
                                          "delete s", "delete s"])
        #expect(host.status.snapshot?.connectors.isEmpty == true)
        let told = host.events.map(\.text)
        for sentence in ["Created connector s (FileStreamSource: in.txt → t)", "Paused connector s", "Resumed connector s",
                         "Restarted connector s and its tasks", "Deleted connector s", "Connector s is PAUSED", "Connector s is gone"] {
            #expect(told.contains(sentence), "\(sentence) in \(told)")
        }
        await host.close()
    }

    @Test func theStatusCarriesTheLastLinesOfEachConnectorsFile() async throws {
        let launches = Launches(), dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = ConnectHost(bootstrap: "b:1", directory: dir, launcher: launches.launcher)
        try host.append(["foo", "bar"], to: "test.txt")
        try await host.create(name: "local-file-source", config: ["connector.class": "FileStreamSource", "file": "test.txt", "topic": "connect-test"])
        try await host.create(name: "local-file-sink", config: ["connector.class": "FileStreamSink", "file": "\(dir)/test.sink.txt", "topics": "connect-test"])
        #expect(host.status.files["local-file-source"] == .init(path: "\(dir)/test.txt", lines: ["foo", "bar"]))
        #expect(host.status.files["local-file-sink"] == .init(path: "\(dir)/test.sink.txt", lines: [], exists: false))
        #expect(host.status.configuredClasses == ["local-file-source": "FileStreamSource", "local-file-sink": "FileStreamSink"])
        try host.append((1...12).map { "line \($0)" }, to: "\(dir)/test.txt")
        await host.poll()
        #expect(host.status.files["local-file-source"]?.lines == (5...12).map { "line \($0)" })
        #expect(host.events.map(\.text).contains("Wrote 2 lines to \(dir)/test.txt"))
        await host.close()
    }

    @Test func filesResolveUnderTheDirectoryAndTheirTailsSkipAPartialFirstLine() throws {
        #expect(ConnectFiles.resolve("test.txt", in: "/d/connect") == "/d/connect/test.txt")
        #expect(ConnectFiles.resolve("/abs/x.txt", in: "/d") == "/abs/x.txt")
        #expect(ConnectFiles.resolve("sub/x.txt", in: "/d") == "/d/sub/x.txt")
        let dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/nested/big.txt"
        let long = String(repeating: "x", count: 70_000)
        try ConnectFiles.append([long, "second", "third"], to: path)
        #expect(ConnectFiles.tail(path, lines: 8).lines == ["second", "third"])
        #expect(ConnectFiles.tail(dir + "/missing.txt", lines: 8) == .init(path: dir + "/missing.txt", lines: [], exists: false))
        #expect(throws: WorkbenchError.self) { try ConnectHost(bootstrap: "b", directory: "/proc/nope", launcher: Launches().launcher).append(["x"], to: "a.txt") }
    }

    @Test func theTopicsCreatedForAConnectorAreTheOnesItsConfigNames() {
        #expect(WorkbenchClients.connectorTopics(["topic": "connect-test"]) == ["connect-test"])
        #expect(WorkbenchClients.connectorTopics(["kafka.topic": "users"]) == ["users"])
        #expect(WorkbenchClients.connectorTopics(["topics": "a, b,,c"]) == ["a", "b", "c"])
        #expect(WorkbenchClients.connectorTopics(["topics.regex": "a.*"]).isEmpty)
    }
}
