import Testing
@testable import SamsaProtocol

@Suite struct DeleteTopicsTests {
    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(DeleteTopicsRequest(topics: [.init(name: "orders", topicId: fixtureTopicId)], timeoutMs: 5),
                                  versions: 6...6, flexibleFrom: 4)
        try CodecChecks.roundTrip(DeleteTopicsRequest(names: ["a", "b"]), versions: 1...5, flexibleFrom: 4)
        let response = DeleteTopicsResponse(throttleTimeMs: 3, responses: [
            .init(name: "orders", topicId: fixtureTopicId, errorCode: .unknownTopicOrPartition, errorMessage: "gone")])
        try CodecChecks.roundTrip(response, versions: DeleteTopicsRequest.versions, flexibleFrom: 4)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches(KafkaPythonFixtures.deleteTopicsRequestV3, DeleteTopicsRequest(names: ["orders"]), version: 3, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.deleteTopicsRequestV6, DeleteTopicsRequest(names: ["orders"]), version: 6, flexible: true)
        let response = DeleteTopicsResponse(responses: [.init(name: "orders", errorCode: .unknownTopicOrPartition)])
        try CodecChecks.matches(KafkaPythonFixtures.deleteTopicsResponseV3, response, version: 3, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.deleteTopicsResponseV6, response, version: 6, flexible: true)
    }
}
