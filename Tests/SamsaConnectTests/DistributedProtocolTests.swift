import Testing
@testable import SamsaConnect

/// Kafka's Connect group protocol bytes, computed by hand from the schemas in `ConnectProtocol` (v0) and
/// `IncrementalCooperativeConnectProtocol` (v1/v2): INT16 version, STRING = INT16 length + bytes, INT64 offset,
/// arrays and BYTES with an INT32 length (-1 = null).
@Suite struct DistributedProtocolTests {
    let offset7: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 7]

    @Test func metadataV0IsVersionUrlAndConfigOffset() throws {
        let state = ConnectProtocol.WorkerState(url: "u1", configOffset: 7)
        let bytes = ConnectProtocol.encodeMetadata(state, compatibility: .eager)
        #expect(bytes == [0, 0, 0, 2, 0x75, 0x31] + offset7)
        #expect(try ConnectProtocol.decodeMetadata(bytes) == state)
    }

    @Test func metadataV1WithoutAssignmentEndsWithNullAllocation() throws {
        let state = ConnectProtocol.WorkerState(url: "u1", configOffset: 7)
        let bytes = ConnectProtocol.encodeMetadata(state, compatibility: .compatible)
        #expect(bytes == [0, 1, 0, 2, 0x75, 0x31] + offset7 + [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try ConnectProtocol.decodeMetadata(bytes) == state)
    }

    @Test func metadataV2CarriesTheCurrentAssignmentAsBytes() throws {
        let assignment = ConnectProtocol.Assignment(leader: "L", leaderUrl: "u", configOffset: 7, connectors: ["c"])
        let state = ConnectProtocol.WorkerState(url: "u1", configOffset: 7, assignment: assignment)
        let bytes = ConnectProtocol.encodeMetadata(state, compatibility: .sessioned)
        // allocation: v2 header, error 0, "L", "u", offset 7, [("c", [-1])], revoked [], delay 0
        let allocation: [UInt8] = [0, 2, 0, 0, 0, 1, 0x4C, 0, 1, 0x75] + offset7
            + [0, 0, 0, 1, 0, 1, 0x63, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF] + [0, 0, 0, 0] + [0, 0, 0, 0]
        #expect(bytes == [0, 2, 0, 2, 0x75, 0x31] + offset7 + [0, 0, 0, UInt8(allocation.count)] + allocation)
        #expect(try ConnectProtocol.decodeMetadata(bytes) == state)
    }

    /// Kafka's `asMap()`: one entry per connector, the connector itself as task -1 first, then its tasks.
    @Test func assignmentV0GroupsTasksByConnectorWithTheConnectorAsMinusOne() throws {
        let assignment = ConnectProtocol.Assignment(
            leader: "L", leaderUrl: "u", configOffset: 7, connectors: ["c"],
            tasks: [.init(connector: "c", task: 1), .init(connector: "d", task: 0), .init(connector: "c", task: 0)])
        let bytes = ConnectProtocol.encodeAssignment(assignment, compatibility: .eager)
        let expected: [UInt8] = [0, 0, 0, 0, 0, 1, 0x4C, 0, 1, 0x75] + offset7 + [0, 0, 0, 2]
            + [0, 1, 0x63, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 1]
            + [0, 1, 0x64, 0, 0, 0, 1, 0, 0, 0, 0]
        #expect(bytes == expected)
        let decoded = try ConnectProtocol.decodeAssignment(bytes)
        #expect(decoded.connectors == ["c"])
        #expect(decoded.tasks.sorted() == assignment.tasks.sorted())
        #expect(decoded.leader == "L" && decoded.leaderUrl == "u" && decoded.configOffset == 7 && decoded.error == 0)
    }

    @Test func assignmentV1AddsRevokedAndDelay() throws {
        let assignment = ConnectProtocol.Assignment(
            leader: "L", leaderUrl: "u", configOffset: 7, tasks: [.init(connector: "d", task: 0)],
            revokedTasks: [.init(connector: "e", task: 2)], delay: 1000)
        let bytes = ConnectProtocol.encodeAssignment(assignment, compatibility: .compatible)
        let expected: [UInt8] = [0, 1, 0, 0, 0, 1, 0x4C, 0, 1, 0x75] + offset7
            + [0, 0, 0, 1, 0, 1, 0x64, 0, 0, 0, 1, 0, 0, 0, 0]
            + [0, 0, 0, 1, 0, 1, 0x65, 0, 0, 0, 1, 0, 0, 0, 2]
            + [0, 0, 0x03, 0xE8]
        #expect(bytes == expected)
        #expect(try ConnectProtocol.decodeAssignment(bytes) == assignment)
    }

    /// Kafka tolerates v1 assignments without the trailing fields (TOLERATE_MISSING_FIELDS_WITH_DEFAULTS).
    @Test func assignmentV1WithoutRevokedOrDelayDecodesWithDefaults() throws {
        let bytes: [UInt8] = [0, 1, 0, 1, 0, 1, 0x4C, 0, 1, 0x75] + offset7 + [0xFF, 0xFF, 0xFF, 0xFF]
        let decoded = try ConnectProtocol.decodeAssignment(bytes)
        #expect(decoded.error == ConnectProtocol.Assignment.configMismatch)
        #expect(decoded.connectors.isEmpty && decoded.tasks.isEmpty && decoded.revokedTasks.isEmpty && decoded.delay == 0)
    }

    @Test func truncatedBytesThrowInsteadOfCrashing() {
        #expect(throws: (any Error).self) { try ConnectProtocol.decodeAssignment([0, 0, 0, 0, 0, 5, 0x4C]) }
        #expect(throws: (any Error).self) { try ConnectProtocol.decodeMetadata([0]) }
    }

    @Test func protocolNamesAndPreferenceFollowConnectProtocolSetting() {
        #expect(ConnectProtocol.Compatibility.sessioned.offered.map(\.protocolName) == ["sessioned", "compatible", "default"])
        #expect(ConnectProtocol.Compatibility.compatible.offered.map(\.protocolName) == ["compatible", "default"])
        #expect(ConnectProtocol.Compatibility.eager.offered.map(\.protocolName) == ["default"])
        #expect(ConnectProtocol.Compatibility(protocolName: "default") == .eager)
    }
}

@Suite struct DistributedAssignorTests {
    let members: [String: ConnectProtocol.WorkerState] = [
        "w2": .init(url: "http://b:8083/", configOffset: 10), "w1": .init(url: "http://a:8083/", configOffset: 10),
    ]

    /// As Kafka's EagerAssignor: connectors first, then tasks, one round-robin iterator over sorted member ids.
    @Test func roundRobinConnectorsThenTasks() {
        let plan = EagerAssignor().assign(leaderId: "w1", members: members, configOffset: 10, connectors: ["b": 1, "a": 2])
        #expect(plan["w1"]?.connectors == ["a"])
        #expect(plan["w2"]?.connectors == ["b"])
        #expect(plan["w1"]?.tasks == [.init(connector: "a", task: 0), .init(connector: "b", task: 0)])
        #expect(plan["w2"]?.tasks == [.init(connector: "a", task: 1)])
        #expect(plan["w2"]?.leader == "w1" && plan["w2"]?.leaderUrl == "http://a:8083/" && plan["w2"]?.configOffset == 10)
    }

    @Test func aLoneSurvivorGetsEverything() {
        let plan = EagerAssignor().assign(leaderId: "w2", members: ["w2": members["w2"]!], configOffset: 10, connectors: ["a": 2])
        #expect(plan["w2"]?.connectors == ["a"])
        #expect(plan["w2"]?.tasks.count == 2)
    }

    @Test func aMemberAheadOfTheLeaderMeansConfigMismatch() {
        var ahead = members
        ahead["w2"]?.configOffset = 11
        let plan = EagerAssignor().assign(leaderId: "w1", members: ahead, configOffset: 10, connectors: ["a": 1])
        #expect(plan.values.allSatisfy { $0.error == ConnectProtocol.Assignment.configMismatch && $0.connectors.isEmpty })
    }
}
