import Testing
@testable import SamsaProtocol

@Suite struct DeleteGroupsTests {
    let request = DeleteGroupsRequest(groupsNames: ["g1", "g2"])
    let response = DeleteGroupsResponse(throttleTimeMs: 4, results: [.init(groupId: "g1"), .init(groupId: "g2", errorCode: .nonEmptyGroup)])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: DeleteGroupsRequest.versions, flexibleFrom: 2)
        try CodecChecks.roundTrip(response, versions: DeleteGroupsRequest.versions, flexibleFrom: 2)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.deleteGroupsRequest, versions: 0...2, flexibleFrom: 2) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.deleteGroupsResponse, versions: 0...2, flexibleFrom: 2) { _ in response }
    }
}
