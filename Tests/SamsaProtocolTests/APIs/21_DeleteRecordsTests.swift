import Testing
@testable import SamsaProtocol

@Suite struct DeleteRecordsTests {
    let request = DeleteRecordsRequest(topics: [.init(name: "orders", partitions: [.init(partitionIndex: 1, offset: 42)])], timeoutMs: 1500)
    let response = DeleteRecordsResponse(throttleTimeMs: 3, topics: [.init(name: "orders", partitions: [
        .init(partitionIndex: 1, lowWatermark: 42), .init(partitionIndex: 2, lowWatermark: -1, errorCode: .offsetOutOfRange)])])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: DeleteRecordsRequest.versions, flexibleFrom: 2)
        try CodecChecks.roundTrip(response, versions: DeleteRecordsRequest.versions, flexibleFrom: 2)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.deleteRecordsRequest, versions: 0...2, flexibleFrom: 2) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.deleteRecordsResponse, versions: 0...2, flexibleFrom: 2) { _ in response }
    }
}
