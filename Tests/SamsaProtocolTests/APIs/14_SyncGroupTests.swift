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
        try CodecChecks.matchesEach(KafkaPythonFixtures.syncGroupRequest, versions: 0...5, flexibleFrom: 4, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.syncGroupResponse, versions: 0...5, flexibleFrom: 4, response)
    }
}
