import Testing
@testable import SamsaProtocol

@Suite struct LeaveGroupTests {
    func request(_ v: Int16) -> LeaveGroupRequest {
        guard v >= 3 else { return LeaveGroupRequest(groupId: "g1", memberId: "m1") }
        return LeaveGroupRequest(groupId: "g1", members: [.init(memberId: "m1", groupInstanceId: "i1", reason: v >= 5 ? "shutdown" : nil),
                                                          .init(memberId: "m2")])
    }

    func response(_ v: Int16) -> LeaveGroupResponse {
        LeaveGroupResponse(throttleTimeMs: v >= 1 ? 4 : 0,
                           members: v >= 3 ? [.init(memberId: "m1", groupInstanceId: "i1"), .init(memberId: "m2", errorCode: .unknownMemberId)] : [])
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request(5)
        full.memberId = "m0"
        try CodecChecks.roundTrip(full, versions: LeaveGroupRequest.versions, flexibleFrom: 4)
        var response = response(5)
        response.errorCode = .coordinatorLoadInProgress
        try CodecChecks.roundTrip(response, versions: LeaveGroupRequest.versions, flexibleFrom: 4)
    }

    @Test func leavingMembersReadTheSameWhateverTheLayout() {
        #expect(request(2).leavingMembers(version: 2) == [.init(memberId: "m1")])
        #expect(request(5).leavingMembers(version: 5).map(\.memberId) == ["m1", "m2"])
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.leaveGroupRequest, versions: 0...5, flexibleFrom: 4, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.leaveGroupResponse, versions: 0...5, flexibleFrom: 4, response)
    }
}
