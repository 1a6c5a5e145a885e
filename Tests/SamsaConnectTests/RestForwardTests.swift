import Testing
@testable import SamsaConnect

/// Requests a follower's herder cannot complete go to the leader, as Kafka's HerderRequestHandler forwards
/// them: two hops at most, 409 without a known leader, the leader's answer relayed.
@Suite struct RestForwardTests {
    @Test func aFollowerForwardsWritesToTheLeaderAndRelaysItsAnswer() async throws {
        let leaderHerder = RestFakeHerder.withFileSource()
        try await RestTestServer.with(leaderHerder) { leader in
            let followerHerder = RestFakeHerder()
            followerHerder.forwardWrites.withLock { $0 = RestForward(leaderURL: leader.base + "/") }
            try await RestTestServer.with(followerHerder) { follower in
                let created = try await follower.post("/connectors", #"{"name":"sink","config":{"connector.class":"FileStreamSink","topics":"t"}}"#)
                #expect(created.status == 201)
                #expect(created.json?["name"] == .string("sink"))
                #expect(try await leaderHerder.connectors().sorted() == ["local-file-source", "sink"])
                #expect(try await followerHerder.connectors().isEmpty)
                // Errors come back as the leader wrote them; query parameters travel along.
                let exists = try await follower.post("/connectors", #"{"name":"sink","config":{"connector.class":"FileStreamSink"}}"#)
                #expect(exists.status == 409)
                #expect(exists.body == RestErrorTests.error(409, "Connector sink already exists"))
                let restart = try await follower.post("/connectors/local-file-source/restart?includeTasks=true")
                #expect(restart.status == 202)
                #expect(leaderHerder.restarts.withLock { $0 } == ["local-file-source true false"])
                #expect(try await follower.delete("/connectors/sink").status == 204)
                #expect(try await leaderHerder.connectors() == ["local-file-source"])
            }
        }
    }

    @Test func noKnownLeaderIs409() async throws {
        let herder = RestFakeHerder()
        herder.forwardWrites.withLock { $0 = RestForward(leaderURL: nil) }
        try await RestTestServer.with(herder) { rest in
            let r = try await rest.post("/connectors", #"{"name":"x","config":{"connector.class":"FileStreamSink"}}"#)
            #expect(r.status == 409)
            #expect(r.body == RestErrorTests.error(409, "Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway."))
        }
    }

    /// Two workers each believing the other leads: the user's request hops A → B (forward=true) → A
    /// (forward=false), and A then gives up with Kafka's 409 instead of forwarding for ever.
    @Test func forwardingStopsAfterTwoHops() async throws {
        let a = RestFakeHerder(), b = RestFakeHerder()
        try await RestTestServer.with(a) { restA in
            try await RestTestServer.with(b) { restB in
                a.forwardWrites.withLock { $0 = RestForward(leaderURL: restB.base) }
                b.forwardWrites.withLock { $0 = RestForward(leaderURL: restA.base) }
                let r = try await restA.delete("/connectors/x")
                #expect(r.status == 409)
                #expect(r.body == RestErrorTests.error(409, "Cannot complete request because of a conflicting operation (e.g. worker rebalance)"))
            }
        }
    }

    @Test func anUnreachableLeaderIs500() async throws {
        let herder = RestFakeHerder()
        herder.forwardWrites.withLock { $0 = RestForward(leaderURL: "http://127.0.0.1:1/") }
        try await RestTestServer.with(herder) { rest in
            let r = try await rest.delete("/connectors/x")
            #expect(r.status == 500)
            #expect(r.json?["message"]?.stringValue?.hasPrefix("IO Error trying to forward REST request: ") == true)
        }
    }
}
