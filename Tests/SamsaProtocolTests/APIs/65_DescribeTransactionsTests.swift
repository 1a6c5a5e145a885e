import Testing
@testable import SamsaProtocol

@Suite struct DescribeTransactionsTests {
    let request = DescribeTransactionsRequest(transactionalIds: ["tx", "missing"])
    let response = DescribeTransactionsResponse(throttleTimeMs: 4, transactionStates: [
        .init(transactionalId: "tx", transactionState: "Ongoing", transactionTimeoutMs: 60000, transactionStartTimeMs: 1_700_000_000_000,
              producerId: 7, producerEpoch: 2, topics: [.init(name: "orders", partitions: [0, 2])]),
        .init(errorCode: .transactionalIdNotFound, transactionalId: "missing")])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: DescribeTransactionsRequest.versions, flexibleFrom: 0) { _ in request }
        try CodecChecks.roundTrip(response, versions: DescribeTransactionsRequest.versions, flexibleFrom: 0) { _ in response }
    }

    // Bytes written field by field from DescribeTransactionsRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        try CodecChecks.matches("02" + "037478" + "00", DescribeTransactionsRequest(transactionalIds: ["tx"]), version: 0, flexible: true)
        let empty = DescribeTransactionsResponse(transactionStates: [.init(transactionalId: "tx", transactionState: "Empty", transactionTimeoutMs: 1,
                                                                           producerId: 7, producerEpoch: 0)])
        try CodecChecks.matches("00000000" + "02" + "0000" + "037478" + "06456d707479" + "00000001" + "ffffffffffffffff" + "0000000000000007" + "0000"
                                + "01" + "00" + "00", empty, version: 0, flexible: true)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeTransactionsRequest, versions: 0...0, flexibleFrom: 0) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeTransactionsResponse, versions: 0...0, flexibleFrom: 0) { _ in response }
    }
}
