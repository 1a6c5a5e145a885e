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
        try CodecChecks.matches(KafkaPythonFixtures.deleteGroupsRequestV1, request, version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.deleteGroupsRequestV2, request, version: 2, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.deleteGroupsResponseV1, response, version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.deleteGroupsResponseV2, response, version: 2, flexible: true)
    }
}
