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
        for (hex, version) in [(KafkaPythonFixtures.createPartitionsRequestV1, Int16(1)), (KafkaPythonFixtures.createPartitionsRequestV2, 2),
                               (KafkaPythonFixtures.createPartitionsRequestV3, 3)] {
            try CodecChecks.matches(hex, request, version: version, flexible: version >= 2)
        }
        for (hex, version) in [(KafkaPythonFixtures.createPartitionsResponseV1, Int16(1)), (KafkaPythonFixtures.createPartitionsResponseV2, 2),
                               (KafkaPythonFixtures.createPartitionsResponseV3, 3)] {
            try CodecChecks.matches(hex, response, version: version, flexible: version >= 2)
        }
    }
}
