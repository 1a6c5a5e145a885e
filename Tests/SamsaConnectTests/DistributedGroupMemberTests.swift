import Foundation
import SamsaClient
import SamsaProtocol
import Synchronization
import Testing
@testable import SamsaConnect

/// SamsaClient's generic group member, with a protocol type of its own: the leader sees every member's
/// metadata and hands out assignment bytes; a member leaving makes the others rebalance.
@Suite struct DistributedGroupMemberTests {
    /// Records what the member is told; as leader, gives each member the sorted list of all members' metadata.
    final class Recorder: GroupMemberDelegate {
        let name: String
        let events = Mutex<[String]>([])
        let assignment = Mutex<String?>(nil)
        init(name: String) { self.name = name }

        func protocols() async -> [(name: String, metadata: [UInt8])] { [("second", Array("\(name)-2".utf8)), ("first", Array(name.utf8))] }
        func assign(_ generation: GroupMember.Generation) async throws -> [String: [UInt8]] {
            events.withLock { $0.append("assign \(generation.protocolName)") }
            let all = generation.members.map { String(decoding: $0.metadata, as: UTF8.self) }.sorted().joined(separator: ",")
            return Dictionary(uniqueKeysWithValues: generation.members.map { ($0.memberId, Array("\(all) for \(String(decoding: $0.metadata, as: UTF8.self))".utf8)) })
        }
        func revoked() async { events.withLock { $0.append("revoked") } }
        func assigned(_ bytes: [UInt8], generation: GroupMember.Generation) async {
            assignment.withLock { $0 = String(decoding: bytes, as: UTF8.self) }
            events.withLock { $0.append("assigned") }
        }
        func failed(_ error: Error) async { events.withLock { $0.append("failed") } }
    }

    @Test func theLeaderAssignsFromEveryMembersMetadataAndALeaveRebalances() async throws {
        let cluster = try await ConnectTestCluster.start()
        defer { cluster.stop() }
        var config = GroupMember.Config(groupId: "workers", protocolType: "test-protocol")
        config.sessionTimeoutMs = 6000
        config.heartbeatIntervalMs = 300
        let (x, y) = (Recorder(name: "x"), Recorder(name: "y"))
        let memberX = try GroupMember(client: try cluster.client(), config: config, delegate: x)
        let memberY = try GroupMember(client: try cluster.client(), config: config, delegate: y)
        memberX.start()
        try await connectEventually { x.assignment.withLock { $0 } == "x-2 for x-2" }
        memberY.start()
        // Both joined with their first-choice protocol; whoever leads sees both members' metadata.
        try await connectEventually {
            x.assignment.withLock { $0 } == "x-2,y-2 for x-2" && y.assignment.withLock { $0 } == "x-2,y-2 for y-2"
        }
        #expect(memberX.generationId == memberY.generationId)
        #expect(memberX.generation?.protocolName == "second")
        #expect(x.events.withLock { $0 }.first == "revoked")

        // The group is a "test-protocol" group, as DescribeGroups tells.
        let described = try await Admin(client: try cluster.client()).describeGroups(["workers"])
        #expect(described.first?.protocolType == "test-protocol")
        #expect(try await memberY.describeMembers().map { String(decoding: $0.metadata, as: UTF8.self) }.sorted() == ["x-2", "y-2"])

        await memberX.close()
        try await connectEventually { y.assignment.withLock { $0 } == "y-2 for y-2" }
        #expect(y.events.withLock { $0 }.filter { $0 == "assigned" }.count >= 2)
        await memberY.close()
        #expect(throws: ClientError.self) { try GroupMember(client: try cluster.client(), config: GroupMember.Config(groupId: "", protocolType: "p"), delegate: x) }
    }
}
