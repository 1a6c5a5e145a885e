import Testing
@testable import SamsaProtocol

@Suite struct HeartbeatTests {
    func request(_ v: Int16) -> HeartbeatRequest {
        HeartbeatRequest(groupId: "g1", generationId: 7, memberId: "m1", groupInstanceId: v >= 3 ? "i1" : nil)
    }

    func response(_ v: Int16) -> HeartbeatResponse {
        HeartbeatResponse(throttleTimeMs: v >= 1 ? 4 : 0, errorCode: .rebalanceInProgress)
    }

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(4), versions: HeartbeatRequest.versions, flexibleFrom: 4)
        try CodecChecks.roundTrip(response(4), versions: HeartbeatRequest.versions, flexibleFrom: 4)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.heartbeatRequest, versions: 0...4, flexibleFrom: 4, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.heartbeatResponse, versions: 0...4, flexibleFrom: 4, response)
    }
}
