import Testing
@testable import SamsaProtocol

@Suite struct DescribeProducersTests {
    let request = DescribeProducersRequest(topics: [.init(name: "orders", partitions: [0, 1]), .init(name: "events", partitions: [])])
    let response = DescribeProducersResponse(throttleTimeMs: 4, topics: [
        .init(name: "orders", partitions: [
            .init(partitionIndex: 0, activeProducers: [
                .init(producerId: 7, producerEpoch: 2, lastSequence: 9, lastTimestamp: 1_700_000_000_000, coordinatorEpoch: 1, currentTxnStartOffset: 40),
                .init(producerId: 8, producerEpoch: 0)]),
            .init(partitionIndex: 1, errorCode: .notLeaderOrFollower, errorMessage: "not the leader")])])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: DescribeProducersRequest.versions, flexibleFrom: 0) { _ in request }
        try CodecChecks.roundTrip(response, versions: DescribeProducersRequest.versions, flexibleFrom: 0) { _ in response }
    }

    // Bytes written field by field from DescribeProducersResponse.json (ProducerEpoch is an int32 there).
    @Test func matchesTheSchema() throws {
        let one = DescribeProducersResponse(throttleTimeMs: 0, topics: [.init(name: "orders", partitions: [
            .init(partitionIndex: 0, activeProducers: [.init(producerId: 8, producerEpoch: 1)])])])
        try CodecChecks.matches("00000000" + "02" + "076f7264657273" + "02" + "00000000" + "0000" + "00" + "02"
                                + "0000000000000008" + "00000001" + "ffffffff" + "ffffffffffffffff" + "ffffffff" + "ffffffffffffffff" + "00"
                                + "00" + "00" + "00", one, version: 0, flexible: true)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeProducersRequest, versions: 0...0, flexibleFrom: 0) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeProducersResponse, versions: 0...0, flexibleFrom: 0) { _ in response }
    }
}
