import ArgumentParser
import Foundation
import Testing
@testable import samsa

@Suite struct ConsumerGroupsParsingTests {
    func rejects(_ arguments: [String], _ comment: Comment? = nil) {
        #expect(throws: (any Error).self, comment) { try Samsa.parseAsRoot(["consumer-groups"] + arguments) }
    }

    func parse(_ arguments: [String]) throws -> ConsumerGroupsCommand {
        try #require(try Samsa.parseAsRoot(["consumer-groups", "--bootstrap-server", "localhost:9092"] + arguments) as? ConsumerGroupsCommand)
    }

    @Test func needsExactlyOneActionAndAGroup() throws {
        rejects([], "no action")
        rejects(["--list", "--describe", "--group", "g"], "two actions")
        rejects(["--describe"], "describe without a group")
        rejects(["--delete"], "delete without a group")
        rejects(["--describe", "--group", "g", "--all-groups"], "both group and all-groups")
        rejects(["--list", "--group", "g"], "list with a group")
        _ = try parse(["--list"])
        #expect(try parse(["--describe", "--group", "a", "--group", "b"]).group == ["a", "b"])
        #expect(try parse(["--delete", "--all-groups"]).allGroups)
    }

    @Test func describeViews() throws {
        rejects(["--describe", "--group", "g", "--members", "--state"], "members and state")
        rejects(["--describe", "--group", "g", "--verbose"], "verbose without members")
        rejects(["--list", "--members"], "members without describe")
        let members = try parse(["--describe", "--group", "g", "--members", "--verbose"])
        #expect(members.members && members.verbose)
        #expect(try parse(["--describe", "--all-groups", "--state"]).state)
    }

    @Test func resetNeedsAScopeAndExactlyOneScenario() throws {
        rejects(["--reset-offsets", "--group", "g", "--to-earliest"], "no scope")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--all-topics", "--to-earliest"], "two scopes")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t"], "no scenario")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--to-earliest", "--to-latest"], "two scenarios")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--to-earliest", "--execute", "--dry-run"], "execute and dry run")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t:x", "--to-earliest"], "bad partition")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--to-datetime", "yesterday"], "bad datetime")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--to-offset", "-1"], "negative offset")
        rejects(["--describe", "--group", "g", "--to-earliest"], "scenario without reset")
        let shift = try parse(["--reset-offsets", "--group", "g", "--topic", "t:0,1", "--shift-by", "-3", "--execute"])
        #expect(try shift.scenario() == .shiftBy(-3) && shift.execute)
        let datetime = try parse(["--reset-offsets", "--group", "g", "--all-topics", "--to-datetime", "2024-01-02T03:04:05.678"])
        #expect(try datetime.scenario() == .datetime(1_704_164_645_678))
    }

    @Test func toCurrentAndByDurationAreScenarios() throws {
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--to-current", "--to-earliest"], "current and earliest")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--by-duration", "PT1H", "--shift-by", "1"], "duration and shift")
        rejects(["--reset-offsets", "--group", "g", "--topic", "t", "--by-duration", "1h"], "not an ISO-8601 duration")
        rejects(["--describe", "--group", "g", "--to-current"], "to-current without reset")
        rejects(["--describe", "--group", "g", "--by-duration", "PT1H"], "by-duration without reset")
        #expect(try parse(["--reset-offsets", "--group", "g", "--topic", "t", "--to-current"]).scenario() == .current)
        let byDuration = try parse(["--reset-offsets", "--group", "g", "--all-topics", "--by-duration", "P1DT2H"])
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let scenario = try byDuration.scenario()
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        let span: Int64 = (24 + 2) * 3_600_000
        guard case .datetime(let at) = scenario else { Issue.record("by-duration gave \(scenario)"); return }
        #expect(at >= before - span && at <= after - span)
    }

    @Test func consoleConsumerGroupOptions() throws {
        let command = try #require(try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--group", "g", "--from-beginning",
                                                          "--consumer-property", "heartbeat.interval.ms=500"]) as? ConsoleConsumerCommand)
        let config = try command.groupConfig()
        #expect(config.groupId == "g" && config.autoOffsetReset == .earliest && config.heartbeatIntervalMs == 500)
        let latest = try #require(try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--group", "g"]) as? ConsoleConsumerCommand)
        #expect(try latest.groupConfig().autoOffsetReset == .latest)
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--group", "g", "--partition", "0"]) }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--consumer-property", "session.timeout.ms=6000"])
        }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--group", "g", "--consumer-property", "no.such.key=1"])
        }
        #expect(throws: (any Error).self) {
            try Samsa.parseAsRoot(["console-consumer", "--topic", "t", "--group", "g", "--from-beginning",
                                   "--consumer-property", "auto.offset.reset=latest"])
        }
    }
}
