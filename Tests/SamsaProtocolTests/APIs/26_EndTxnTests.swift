import Testing
@testable import SamsaProtocol

@Suite struct EndTxnTests {
    let commit = EndTxnRequest(transactionalId: "tx", producerId: 7, producerEpoch: 2, committed: true)
    let fenced = EndTxnResponse(throttleTimeMs: 4, errorCode: .producerFenced)

    @Test func roundTripsEveryVersion() throws {
        var abort = commit
        abort.committed = false
        for request in [commit, abort] {
            try CodecChecks.roundTrip(request, versions: EndTxnRequest.versions, flexibleFrom: 3) { _ in request }
        }
        try CodecChecks.roundTrip(fenced, versions: EndTxnRequest.versions, flexibleFrom: 3) { _ in fenced }
    }

    // Bytes written field by field from EndTxnRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        let abort = EndTxnRequest(transactionalId: "tx", producerId: 7, producerEpoch: 2, committed: false)
        try CodecChecks.matches("00027478" + "0000000000000007" + "0002" + "00", abort, version: 0, flexible: false)
        try CodecChecks.matches("037478" + "0000000000000007" + "0002" + "01" + "00", commit, version: 3, flexible: true)
        try CodecChecks.matches("00000004" + "005a", fenced, version: 1, flexible: false)
        try CodecChecks.matches("00000004" + "005a" + "00", fenced, version: 3, flexible: true)
    }

    @Test func truncatedFramesThrow() {
        CodecChecks.rejectsTruncated(EndTxnRequest.self, "037478" + "0000000000000007" + "0002", version: 3, flexible: true)
        CodecChecks.rejectsTruncated(EndTxnRequest.self, "00ff7478", version: 0, flexible: false)
        CodecChecks.rejectsTruncated(EndTxnResponse.self, "00000004" + "005a", version: 3, flexible: true)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.endTxnRequest, versions: 0...4, flexibleFrom: 3) { _ in commit }
        try CodecChecks.matchesEach(KafkaPythonFixtures.endTxnResponse, versions: 0...4, flexibleFrom: 3) { _ in fenced }
    }
}
