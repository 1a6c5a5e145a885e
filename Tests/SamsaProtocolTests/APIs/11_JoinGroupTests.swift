import NIOCore
import Testing
@testable import SamsaProtocol

@Suite struct JoinGroupTests {
    func request(_ v: Int16) -> JoinGroupRequest {
        JoinGroupRequest(groupId: "g1", sessionTimeoutMs: 10000, rebalanceTimeoutMs: v >= 1 ? 30000 : -1, memberId: "m1",
                         groupInstanceId: v >= 5 ? "i1" : nil, protocolType: "consumer",
                         protocols: [.init(name: "range", metadata: fixtureRecords), .init(name: "roundrobin", metadata: ByteBuffer())],
                         reason: v >= 8 ? "rejoin" : nil)
    }

    func response(_ v: Int16) -> JoinGroupResponse {
        JoinGroupResponse(throttleTimeMs: v >= 2 ? 4 : 0, generationId: 7, protocolType: v >= 7 ? "consumer" : nil, protocolName: "range",
                          leader: "m1", skipAssignment: v >= 9, memberId: "m1",
                          members: [.init(memberId: "m1", groupInstanceId: v >= 5 ? "i1" : nil, metadata: fixtureRecords),
                                    .init(memberId: "m2", metadata: ByteBuffer())])
    }

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(9), versions: JoinGroupRequest.versions, flexibleFrom: 6)
        var response = response(9)
        response.errorCode = .memberIdRequired
        try CodecChecks.roundTrip(response, versions: JoinGroupRequest.versions, flexibleFrom: 6)
        response.protocolName = nil
        response.protocolType = nil
        try CodecChecks.roundTrip(response, versions: JoinGroupRequest.versions, flexibleFrom: 6)
    }

    @Test func protocolNameIsNullableOnlyFromV7() throws {
        let response = JoinGroupResponse(errorCode: .unknownMemberId, protocolName: nil, leader: "", memberId: "")
        for (version, expected) in [(Int16(6), String?.some("")), (7, nil)] {
            var writer = KafkaWriter(flexible: true)
            response.write(to: &writer, version: version)
            var reader = KafkaReader(writer.buffer, flexible: true)
            #expect(try JoinGroupResponse(from: &reader, version: version).protocolName == expected)
        }
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.joinGroupRequest, versions: 0...9, flexibleFrom: 6, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.joinGroupResponse, versions: 0...9, flexibleFrom: 6, response)
    }
}
