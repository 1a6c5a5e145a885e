import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import SamsaConnect

/// The HTTP side of the REST server: binding, one-sentence bind failures, keep-alive, body limits, and a
/// herder that takes its time not holding up other requests.
@Suite struct RestServerTests {
    @Test func parsesKafkasListenerForms() throws {
        #expect(try RestListener(parsing: "http://:8083") == RestListener(host: "", port: 8083))
        #expect(try RestListener(parsing: "HTTP://127.0.0.1:0") == RestListener(host: "127.0.0.1", port: 0))
        #expect(try RestListener(parsing: "http://[::1]:8083") == RestListener(host: "::1", port: 8083))
        #expect(try RestListener(parsing: "http://[::1]:8083").description == "http://[::1]:8083")
        #expect(throws: ConnectError.config("Listener doesn't have the right format (protocol://hostname:port).")) {
            try RestListener(parsing: "localhost:8083")
        }
        #expect(throws: ConnectError.config("Listener doesn't have the right format (protocol://hostname:port).")) {
            try RestListener(parsing: "http://localhost")
        }
        #expect(throws: ConnectError.config("Listener protocol must be either \"http\" or \"https\".")) {
            try RestListener(parsing: "ftp://localhost:21")
        }
    }

    @Test func reportsTheBoundPortAndAdvertisedURL() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let port = try #require(rest.server.port)
            #expect(port > 0)
            #expect(rest.server.listeners == [RestListener(host: "127.0.0.1", port: port)])
            #expect(rest.server.advertisedURL == "http://127.0.0.1:\(port)/")
        }
    }

    @Test func aBusyPortIsOneSentence() async throws {
        try await RestTestServer.with(RestFakeHerder()) { rest in
            let port = rest.server.port!
            let second = ConnectRestServer(listeners: ["http://127.0.0.1:\(port)"], group: MultiThreadedEventLoopGroup.singleton,
                                           herder: RestFakeHerder())
            await #expect(throws: ConnectError.connect("Could not bind the Connect REST listener http://127.0.0.1:\(port): address already in use.")) {
                try await second.start()
            }
            #expect(second.port == nil)
            // The first server still answers.
            let still = try await rest.get("/")
            #expect(still.status == 200)
        }
    }

    @Test func answers503UntilAHerderIsAttached() async throws {
        try await RestTestServer.with(nil) { rest in
            let early = try await rest.get("/connectors")
            #expect(early.status == 503)
            #expect(early.json?["error_code"] == .integer(503))
            rest.server.attach(RestFakeHerder.withFileSource())
            #expect(try await rest.get("/connectors").body == #"["local-file-source"]"#)
        }
    }

    @Test func keepsTheConnectionAliveAcrossRequests() async throws {
        try await RestTestServer.with(RestFakeHerder.withFileSource()) { rest in
            let connection = try await rest.client.connect(rest.base)
            defer { connection.close() }
            let first = try await connection.send(.GET, "/connectors")
            let second = try await connection.send(.GET, "/connectors/local-file-source/status")
            let third = try await connection.send(.GET, "/nope")
            #expect(first.body == #"["local-file-source"]"#)
            #expect(second.status == 200)
            #expect(third.status == 404)
            #expect(first.header("Connection") == nil)
            // Asked to close, the server says so and closes.
            let last = try await connection.send(.GET, "/", headers: [("Connection", "close")])
            #expect(last.header("Connection") == "close")
            await #expect(throws: (any Error).self) { try await connection.send(.GET, "/") }
        }
    }

    @Test func closesIdleConnectionsButNotOneWaitingForTheHerder() async throws {
        let herder = RestFakeHerder.withFileSource()
        let entries = Mutex(0), opened = Mutex(false)
        herder.serverInfoGate.withLock {
            $0 = {
                entries.withLock { $0 += 1 }
                while !opened.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
            }
        }
        let rest = try await RestTestServer.start(herder, idleTimeout: .seconds(2))
        let slow = Task { () async throws -> RestClient.Response in
            while true {
                let before = entries.withLock { $0 }
                do {
                    return try await rest.get("/")
                } catch where entries.withLock({ $0 }) == before {
                    continue  // closed as idle before the request was sent (a stalled test task): send it again
                }
            }
        }
        try await connectEventually { entries.withLock { $0 } > 0 }
        // A connection that sends nothing is closed by the server; the one whose request is in the herder is not.
        let idle = try await rest.client.connect(rest.base)
        try await idle.channel.closeFuture.get()
        opened.withLock { $0 = true }
        #expect(try await slow.value.status == 200)
        await rest.server.stop()
    }

    @Test func headAnswersLikeGetWithoutTheBody() async throws {
        try await RestTestServer.with(RestFakeHerder.withFileSource()) { rest in
            let head = try await rest.client.request(.HEAD, rest.base + "/connectors")
            #expect(head.status == 200)
            #expect(head.body == "")
            #expect(head.header("Content-Length") == String(#"["local-file-source"]"#.utf8.count))
            let missing = try await rest.client.request(.HEAD, rest.base + "/connectors/nope")
            #expect(missing.status == 404)
        }
    }

    @Test func refusesBodiesOverTheLimit() async throws {
        let rest = try await RestTestServer.start(RestFakeHerder(), maxBodyBytes: 1024)
        defer { Task { await rest.server.stop() } }
        let big = #"{"name":"x","config":{"file":""# + String(repeating: "a", count: 4096) + #""}}"#
        let r = try await rest.post("/connectors", big)
        #expect(r.status == 413)
        #expect(r.body == RestErrorTests.error(413, "Request body is larger than 1024 bytes."))
        // Bodies within the limit are taken.
        let ok = try await rest.post("/connectors", #"{"name":"x","config":{"connector.class":"FileStreamSource"}}"#)
        #expect(ok.status == 201)
    }

    /// One event loop thread: a herder call that waits must not keep the loop from serving other requests.
    @Test func aSlowHerderCallDoesNotBlockTheEventLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let herder = RestFakeHerder.withFileSource()
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let (entered, enter) = AsyncStream.makeStream(of: Void.self)
        herder.serverInfoGate.withLock { $0 = { enter.yield(); for await _ in gate { return } } }
        let server = ConnectRestServer(listeners: ["http://127.0.0.1:0"], group: group, herder: herder, idleTimeout: .minutes(10))
        try await server.start()
        let client = RestClient(group: group, timeout: .seconds(60))
        let base = "http://127.0.0.1:\(server.port!)"
        let slow = Task { try await client.get(base + "/") }
        for await _ in entered { break }
        // While GET / waits in the herder, other requests are answered on the same loop.
        let other = try await client.get(base + "/connectors/local-file-source/status")
        #expect(other.status == 200)
        open.yield()
        let answered = try await slow.value
        #expect(answered.status == 200)
        #expect(answered.json?["version"] == .string("4.1.0"))
        await server.stop()
        try await group.shutdownGracefully()
    }
}
