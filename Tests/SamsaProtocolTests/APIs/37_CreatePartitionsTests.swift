import Testing
@testable import SamsaProtocol

@Suite struct CreatePartitionsTests {
    let request = CreatePartitionsRequest(topics: [.init(name: "orders", count: 4, assignments: [.init(brokerIds: [1, 2]), .init(brokerIds: [2, 3])]),
                                                   .init(name: "events", count: 6)],
                                          timeoutMs: 30000, validateOnly: true)
    let response = CreatePartitionsResponse(throttleTimeMs: 4, results: [
        .init(name: "orders"), .init(name: "events", errorCode: .invalidPartitions, errorMessage: "too few")])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: CreatePartitionsRequest.versions, flexibleFrom: 2)
        try CodecChecks.roundTrip(response, versions: CreatePartitionsRequest.versions, flexibleFrom: 2)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.createPartitionsRequest, versions: 0...3, flexibleFrom: 2) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.createPartitionsResponse, versions: 0...3, flexibleFrom: 2) { _ in response }
    }
}
