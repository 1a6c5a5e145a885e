import Testing
@testable import SamsaProtocol

@Suite struct OffsetDeleteTests {
    let request = OffsetDeleteRequest(groupId: "g", topics: [.init(name: "orders", partitions: [1])])
    let response = OffsetDeleteResponse(topics: [.init(name: "orders", partitions: [.init(partitionIndex: 1, errorCode: .groupSubscribedToTopic)])])

    @Test func roundTrips() throws {
        try CodecChecks.roundTrip(request, versions: OffsetDeleteRequest.versions, flexibleFrom: nil)
        try CodecChecks.roundTrip(response, versions: OffsetDeleteRequest.versions, flexibleFrom: nil)
        try CodecChecks.roundTrip(OffsetDeleteResponse(errorCode: .groupIdNotFound, throttleTimeMs: 2), versions: 0...0, flexibleFrom: nil)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetDeleteRequest, versions: 0...0, flexibleFrom: nil) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetDeleteResponse, versions: 0...0, flexibleFrom: nil) { _ in response }
    }
}
