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
        for (hex, version) in [(KafkaPythonFixtures.listGroupsRequestV2, Int16(2)), (KafkaPythonFixtures.listGroupsRequestV3, 3),
                               (KafkaPythonFixtures.listGroupsRequestV4, 4), (KafkaPythonFixtures.listGroupsRequestV5, 5)] {
            try CodecChecks.matches(hex, request(version), version: version, flexible: version >= 3)
        }
        for (hex, version) in [(KafkaPythonFixtures.listGroupsResponseV2, Int16(2)), (KafkaPythonFixtures.listGroupsResponseV3, 3),
                               (KafkaPythonFixtures.listGroupsResponseV4, 4), (KafkaPythonFixtures.listGroupsResponseV5, 5)] {
            try CodecChecks.matches(hex, response(version), version: version, flexible: version >= 3)
        }
    }
}
