import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct DescribeGroupsTests {
    func request(_ v: Int16) -> DescribeGroupsRequest {
        DescribeGroupsRequest(groups: ["g1", "g2"], includeAuthorizedOperations: v >= 3)
    }

    func response(_ v: Int16) -> DescribeGroupsResponse {
        let member = DescribeGroupsResponse.Member(memberId: "m1", groupInstanceId: v >= 4 ? "i1" : nil, clientId: "c1",
                                                   clientHost: "/127.0.0.1", memberMetadata: fixtureRecords,
                                                   memberAssignment: ByteBuffer(bytes: [0, 3]))
        // kafka-python encodes the operation set {3, 4} as bits 3 and 4 (24), and "none" as Int32.min.
        return DescribeGroupsResponse(throttleTimeMs: v >= 1 ? 4 : 0, groups: [
            .init(groupId: "g1", groupState: "Stable", protocolType: "consumer", protocolData: "range", members: [member],
                  authorizedOperations: v >= 3 ? 24 : Int32.min),
            .init(errorCode: .groupIdNotFound, groupId: "g2", groupState: "Dead")])
    }

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(5), versions: DescribeGroupsRequest.versions, flexibleFrom: 5)
        try CodecChecks.roundTrip(response(5), versions: DescribeGroupsRequest.versions, flexibleFrom: 5)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeGroupsRequest, versions: 0...5, flexibleFrom: 5, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeGroupsResponse, versions: 0...5, flexibleFrom: 5, response)
    }
}
