import Testing
@testable import SamsaProtocol

@Suite struct AddPartitionsToTxnTests {
    let orders = AddPartitionsToTxnRequest.Topic(name: "orders", partitions: [0, 3])
    var transactions: [AddPartitionsToTxnRequest.Transaction] {
        [.init(transactionalId: "tx", producerId: 7, producerEpoch: 2, verifyOnly: true, topics: [orders]),
         .init(transactionalId: "tx2", producerId: 8, producerEpoch: 0, topics: [.init(name: "events", partitions: [])])]
    }
    let concurrent = AddPartitionsToTxnResponse.TopicResult(name: "orders", partitions: [
        .init(partitionIndex: 0), .init(partitionIndex: 3, errorCode: .concurrentTransactions)])

    @Test func requestRoundTripsEveryVersion() throws {
        var both = request(0)
        both.transactions = transactions
        try CodecChecks.roundTrip(both, versions: AddPartitionsToTxnRequest.versions, flexibleFrom: 3, decodesAs: request)
    }

    @Test func responseRoundTripsEveryVersion() throws {
        let byTransaction = [AddPartitionsToTxnResponse.TransactionResult(transactionalId: "tx", topics: [concurrent])]
        var both = AddPartitionsToTxnResponse(throttleTimeMs: 4, resultsByTopic: [concurrent])
        both.errorCode = .notCoordinator
        both.resultsByTransaction = byTransaction
        try CodecChecks.roundTrip(both, versions: AddPartitionsToTxnRequest.versions, flexibleFrom: 3) { v in
            v >= 4 ? AddPartitionsToTxnResponse(throttleTimeMs: 4, errorCode: .notCoordinator, resultsByTransaction: byTransaction)
                : AddPartitionsToTxnResponse(throttleTimeMs: 4, resultsByTopic: [concurrent])
        }
    }

    @Test func transactionsAndResultsReadTheSameWhateverTheLayout() {
        let client = AddPartitionsToTxnRequest(transactionalId: "tx", producerId: 7, producerEpoch: 2, topics: [orders])
        #expect(client.transactions(version: 3) == [.init(transactionalId: "tx", producerId: 7, producerEpoch: 2, topics: [orders])])
        #expect(AddPartitionsToTxnRequest(transactions: transactions).transactions(version: 4) == transactions)
        let results = [AddPartitionsToTxnResponse.TransactionResult(transactionalId: "tx", topics: [concurrent])]
        #expect(AddPartitionsToTxnResponse(resultsByTransaction: results, version: 3) == AddPartitionsToTxnResponse(resultsByTopic: [concurrent]))
        #expect(AddPartitionsToTxnResponse(resultsByTransaction: results, version: 5) == AddPartitionsToTxnResponse(resultsByTransaction: results))
        #expect(AddPartitionsToTxnResponse(resultsByTopic: [concurrent]).resultsByTransaction(version: 2)[0].topics == [concurrent])
    }

    // Bytes written field by field from AddPartitionsToTxnRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        let client = AddPartitionsToTxnRequest(transactionalId: "tx", producerId: 7, producerEpoch: 2, topics: [orders])
        // v0: int16-length string, int64, int16, int32-count arrays.
        try CodecChecks.matches("00027478" + "0000000000000007" + "0002" + "00000001" + "00066f7264657273" + "00000002" + "00000000" + "00000003",
                                client, version: 0, flexible: false)
        // v3: compact strings and arrays (length + 1), a tagged-field section after each struct.
        try CodecChecks.matches("037478" + "0000000000000007" + "0002" + "02" + "076f7264657273" + "03" + "00000000" + "00000003" + "00" + "00",
                                client, version: 3, flexible: true)
        // v4: Transactions[] { TransactionalId, ProducerId, ProducerEpoch, VerifyOnly, Topics[] }.
        let batched = AddPartitionsToTxnRequest(transactions: [transactions[0]])
        try CodecChecks.matches("02" + "037478" + "0000000000000007" + "0002" + "01" + "02" + "076f7264657273" + "03" + "00000000" + "00000003" + "00"
                                + "00" + "00", batched, version: 4, flexible: true)

        let response = AddPartitionsToTxnResponse(throttleTimeMs: 4, resultsByTopic: [concurrent])
        try CodecChecks.matches("00000004" + "00000001" + "00066f7264657273" + "00000002" + "000000000000" + "000000030033",
                                response, version: 0, flexible: false)
        try CodecChecks.matches("00000004" + "02" + "076f7264657273" + "03" + "00000000000000" + "00000003003300" + "00" + "00",
                                response, version: 3, flexible: true)
        let batchedResponse = AddPartitionsToTxnResponse(throttleTimeMs: 4, errorCode: .none,
                                                         resultsByTransaction: [.init(transactionalId: "tx", topics: [concurrent])])
        try CodecChecks.matches("00000004" + "0000" + "02" + "037478" + "02" + "076f7264657273" + "03" + "00000000000000" + "00000003003300" + "00"
                                + "00" + "00", batchedResponse, version: 4, flexible: true)
    }

    @Test func truncatedFramesThrow() {
        // v3 request cut inside the second partition index; v0 with a topic count larger than the frame.
        CodecChecks.rejectsTruncated(AddPartitionsToTxnRequest.self, "037478" + "0000000000000007" + "0002" + "02" + "076f7264657273" + "03" + "00000000" + "0000",
                                     version: 3, flexible: true)
        CodecChecks.rejectsTruncated(AddPartitionsToTxnRequest.self, "00027478" + "0000000000000007" + "0002" + "7fffffff", version: 0, flexible: false)
        CodecChecks.rejectsTruncated(AddPartitionsToTxnResponse.self, "00000004" + "0000" + "02" + "0374", version: 4, flexible: true)
    }

    func request(_ v: Int16) -> AddPartitionsToTxnRequest {
        v >= 4 ? AddPartitionsToTxnRequest(transactions: transactions)
            : AddPartitionsToTxnRequest(transactionalId: "tx", producerId: 7, producerEpoch: 2, topics: [orders])
    }

    func response(_ v: Int16) -> AddPartitionsToTxnResponse {
        AddPartitionsToTxnResponse(throttleTimeMs: 4, resultsByTransaction: [.init(transactionalId: "tx", topics: [concurrent])], version: v)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.addPartitionsToTxnRequest, versions: 0...5, flexibleFrom: 3, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.addPartitionsToTxnResponse, versions: 0...5, flexibleFrom: 3, response)
    }
}
