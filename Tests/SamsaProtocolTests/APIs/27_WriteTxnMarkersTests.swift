import Testing
@testable import SamsaProtocol

@Suite struct WriteTxnMarkersTests {
    let request = WriteTxnMarkersRequest(markers: [
        .init(producerId: 7, producerEpoch: 2, transactionResult: true, topics: [.init(name: "orders", partitions: [1])], coordinatorEpoch: 3),
        .init(producerId: 8, producerEpoch: 0, transactionResult: false, topics: [], coordinatorEpoch: 0)])
    let response = WriteTxnMarkersResponse(markers: [
        .init(producerId: 7, topics: [.init(name: "orders", partitions: [.init(partitionIndex: 1, errorCode: .notLeaderOrFollower)])]),
        .init(producerId: 8, topics: [])])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: WriteTxnMarkersRequest.versions, flexibleFrom: 1) { _ in request }
        try CodecChecks.roundTrip(response, versions: WriteTxnMarkersRequest.versions, flexibleFrom: 1) { _ in response }
    }

    // Bytes written field by field from WriteTxnMarkersRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        let one = WriteTxnMarkersRequest(markers: [request.markers[0]])
        try CodecChecks.matches("00000001" + "0000000000000007" + "0002" + "01" + "00000001" + "00066f7264657273" + "0000000100000001" + "00000003",
                                one, version: 0, flexible: false)
        try CodecChecks.matches("02" + "0000000000000007" + "0002" + "01" + "02" + "076f7264657273" + "0200000001" + "00" + "00000003" + "00" + "00",
                                one, version: 1, flexible: true)
        let answer = WriteTxnMarkersResponse(markers: [response.markers[0]])
        try CodecChecks.matches("02" + "0000000000000007" + "02" + "076f7264657273" + "02" + "00000001" + "0006" + "00" + "00" + "00" + "00",
                                answer, version: 1, flexible: true)
    }

    @Test func truncatedFramesThrow() {
        CodecChecks.rejectsTruncated(WriteTxnMarkersRequest.self, "02" + "0000000000000007" + "0002" + "01" + "00", version: 1, flexible: true)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.writeTxnMarkersRequest, versions: 0...1, flexibleFrom: 1) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.writeTxnMarkersResponse, versions: 0...1, flexibleFrom: 1) { _ in response }
    }
}
