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
        for (hex, version) in [(KafkaPythonFixtures.heartbeatRequestV0, Int16(0)), (KafkaPythonFixtures.heartbeatRequestV3, 3),
                               (KafkaPythonFixtures.heartbeatRequestV4, 4)] {
            try CodecChecks.matches(hex, request(version), version: version, flexible: version >= 4)
        }
        for (hex, version) in [(KafkaPythonFixtures.heartbeatResponseV0, Int16(0)), (KafkaPythonFixtures.heartbeatResponseV3, 3),
                               (KafkaPythonFixtures.heartbeatResponseV4, 4)] {
            try CodecChecks.matches(hex, response(version), version: version, flexible: version >= 4)
        }
    }
}
