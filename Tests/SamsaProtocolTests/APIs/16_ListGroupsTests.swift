import Testing
@testable import SamsaProtocol

@Suite struct ListGroupsTests {
    func request(_ v: Int16) -> ListGroupsRequest {
        ListGroupsRequest(statesFilter: v >= 4 ? ["Stable", "Empty"] : [], typesFilter: v >= 5 ? ["classic"] : [])
    }

    func response(_ v: Int16) -> ListGroupsResponse {
        ListGroupsResponse(throttleTimeMs: v >= 1 ? 4 : 0, groups: [
            .init(groupId: "g1", protocolType: "consumer", groupState: v >= 4 ? "Stable" : "", groupType: v >= 5 ? "classic" : ""),
            .init(groupId: "g2", protocolType: "", groupState: v >= 4 ? "Empty" : "", groupType: v >= 5 ? "classic" : "")])
    }

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(5), versions: ListGroupsRequest.versions, flexibleFrom: 3)
        var response = response(5)
        response.errorCode = .coordinatorNotAvailable
        try CodecChecks.roundTrip(response, versions: ListGroupsRequest.versions, flexibleFrom: 3)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.listGroupsRequest, versions: 0...5, flexibleFrom: 3, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.listGroupsResponse, versions: 0...5, flexibleFrom: 3, response)
    }
}
