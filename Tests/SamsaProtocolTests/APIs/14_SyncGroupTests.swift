import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct SyncGroupTests {
    func request(_ v: Int16) -> SyncGroupRequest {
        SyncGroupRequest(groupId: "g1", generationId: 7, memberId: "m1", groupInstanceId: v >= 3 ? "i1" : nil,
                         protocolType: v >= 5 ? "consumer" : nil, protocolName: v >= 5 ? "range" : nil,
                         assignments: [.init(memberId: "m1", assignment: fixtureRecords), .init(memberId: "m2", assignment: ByteBuffer())])
    }

    func response(_ v: Int16) -> SyncGroupResponse {
        SyncGroupResponse(throttleTimeMs: v >= 1 ? 4 : 0, protocolType: v >= 5 ? "consumer" : nil, protocolName: v >= 5 ? "range" : nil,
                          assignment: fixtureRecords)
    }

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(5), versions: SyncGroupRequest.versions, flexibleFrom: 4)
        var response = response(5)
        response.errorCode = .rebalanceInProgress
        try CodecChecks.roundTrip(response, versions: SyncGroupRequest.versions, flexibleFrom: 4)
    }

    @Test func matchesKafkaPython() throws {
        for (hex, version) in [(KafkaPythonFixtures.syncGroupRequestV0, Int16(0)), (KafkaPythonFixtures.syncGroupRequestV3, 3),
                               (KafkaPythonFixtures.syncGroupRequestV4, 4), (KafkaPythonFixtures.syncGroupRequestV5, 5)] {
            try CodecChecks.matches(hex, request(version), version: version, flexible: version >= 4)
        }
        for (hex, version) in [(KafkaPythonFixtures.syncGroupResponseV0, Int16(0)), (KafkaPythonFixtures.syncGroupResponseV3, 3),
                               (KafkaPythonFixtures.syncGroupResponseV4, 4), (KafkaPythonFixtures.syncGroupResponseV5, 5)] {
            try CodecChecks.matches(hex, response(version), version: version, flexible: version >= 4)
        }
    }
}
