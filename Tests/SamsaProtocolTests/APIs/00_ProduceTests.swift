import Testing
@testable import SamsaProtocol

@Suite struct ProduceTests {
    let request = ProduceRequest(acks: -1, timeoutMs: 1500,
                                 topicData: [.init(name: "orders", partitionData: [.init(index: 2, records: fixtureRecords)])])

    @Test func roundTripsEveryVersion() throws {
        var withTxn = request
        withTxn.transactionalId = "txn"
        withTxn.topicData.append(.init(name: "empty", partitionData: [.init(index: 0, records: nil)]))
        try CodecChecks.roundTrip(withTxn, versions: ProduceRequest.versions, flexibleFrom: 9)
        let response = ProduceResponse(
            responses: [.init(name: "orders", partitionResponses: [
                .init(index: 2, errorCode: .notLeaderOrFollower, baseOffset: 42, logAppendTimeMs: 5, logStartOffset: 3,
                      recordErrors: [.init(batchIndex: 0, batchIndexErrorMessage: "bad")], errorMessage: "why",
                      currentLeader: .init(leaderId: 2, leaderEpoch: 9))])],
            throttleTimeMs: 1, nodeEndpoints: [.init(nodeId: 2, host: "h", port: 9093)])
        try CodecChecks.roundTrip(response, versions: ProduceRequest.versions, flexibleFrom: 9)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches(KafkaPythonFixtures.produceRequestV3, request, version: 3, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.produceRequestV9, request, version: 9, flexible: true)
        let response = ProduceResponse(responses: [.init(name: "orders", partitionResponses: [
            .init(index: 2, baseOffset: 42, logStartOffset: 3)])])
        try CodecChecks.matches(KafkaPythonFixtures.produceResponseV3,
                                ProduceResponse(responses: [.init(name: "orders", partitionResponses: [.init(index: 2, baseOffset: 42)])]),
                                version: 3, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.produceResponseV9, response, version: 9, flexible: true)
    }
}
