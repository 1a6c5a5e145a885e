import Testing
@testable import SamsaProtocol

@Suite struct TxnOffsetCommitTests {
    /// What version `v` carries of a commit by member m1 (generation 5) of group g1.
    func request(_ v: Int16) -> TxnOffsetCommitRequest {
        let epoch: Int32 = v >= 2 ? 3 : -1
        return TxnOffsetCommitRequest(transactionalId: "tx", groupId: "g1", producerId: 7, producerEpoch: 2,
                                      generationId: v >= 3 ? 5 : -1, memberId: v >= 3 ? "m1" : "", groupInstanceId: v >= 3 ? "i1" : nil,
                                      topics: [.init(name: "orders", partitions: [
                                          .init(partitionIndex: 2, committedOffset: 42, committedLeaderEpoch: epoch, committedMetadata: "m"),
                                          .init(partitionIndex: 3, committedOffset: 7, committedLeaderEpoch: -1, committedMetadata: nil)])])
    }

    let response = TxnOffsetCommitResponse(throttleTimeMs: 4, topics: [
        .init(name: "orders", partitions: [.init(partitionIndex: 2), .init(partitionIndex: 3, errorCode: .illegalGeneration)]),
        .init(name: "events", partitions: [])])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(4), versions: TxnOffsetCommitRequest.versions, flexibleFrom: 3, decodesAs: request)
        try CodecChecks.roundTrip(response, versions: TxnOffsetCommitRequest.versions, flexibleFrom: 3) { _ in response }
    }

    // Bytes written field by field from TxnOffsetCommitRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        let header = "0000000000000007" + "0002"  // ProducerId, ProducerEpoch
        // v0: no leader epoch, no group membership.
        try CodecChecks.matches("00027478" + "00026731" + header + "00000001" + "00066f7264657273" + "00000002"
                                + "00000002" + "000000000000002a" + "00016d" + "00000003" + "0000000000000007" + "ffff",
                                request(0), version: 0, flexible: false)
        // v2: CommittedLeaderEpoch after the offset.
        try CodecChecks.matches("00027478" + "00026731" + header + "00000001" + "00066f7264657273" + "00000002"
                                + "00000002" + "000000000000002a" + "00000003" + "00016d" + "00000003" + "0000000000000007" + "ffffffff" + "ffff",
                                request(2), version: 2, flexible: false)
        // v3: flexible; GenerationId, MemberId, GroupInstanceId (KIP-447) before the topics.
        var v3 = request(3)
        v3.groupInstanceId = nil
        try CodecChecks.matches("037478" + "036731" + header + "00000005" + "036d31" + "00" + "02" + "076f7264657273" + "03"
                                + "00000002" + "000000000000002a" + "00000003" + "026d" + "00"
                                + "00000003" + "0000000000000007" + "ffffffff" + "00" + "00" + "00" + "00",
                                v3, version: 3, flexible: true)
        try CodecChecks.matches("00000004" + "03" + "076f7264657273" + "03" + "00000002000000" + "00000003001600" + "00" + "07" + "6576656e7473" + "01" + "00"
                                + "00", response, version: 3, flexible: true)
        try CodecChecks.matches("00000004" + "00000002" + "00066f7264657273" + "00000002" + "000000020000" + "000000030016" + "00066576656e7473" + "00000000",
                                response, version: 1, flexible: false)
    }

    @Test func truncatedFramesThrow() {
        CodecChecks.rejectsTruncated(TxnOffsetCommitRequest.self, "037478" + "036731" + "0000000000000007" + "0002" + "00000005" + "05",
                                     version: 3, flexible: true)
        CodecChecks.rejectsTruncated(TxnOffsetCommitResponse.self, "00000004" + "00000002" + "00066f72", version: 0, flexible: false)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.txnOffsetCommitRequest, versions: 0...4, flexibleFrom: 3, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.txnOffsetCommitResponse, versions: 0...4, flexibleFrom: 3) { _ in response }
    }
}
