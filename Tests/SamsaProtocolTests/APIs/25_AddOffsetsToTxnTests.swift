import Testing
@testable import SamsaProtocol

@Suite struct AddOffsetsToTxnTests {
    let request = AddOffsetsToTxnRequest(transactionalId: "tx", producerId: 7, producerEpoch: 2, groupId: "g1")
    let response = AddOffsetsToTxnResponse(throttleTimeMs: 4, errorCode: .producerFenced)

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: AddOffsetsToTxnRequest.versions, flexibleFrom: 3) { _ in request }
        try CodecChecks.roundTrip(response, versions: AddOffsetsToTxnRequest.versions, flexibleFrom: 3) { _ in response }
    }

    // Bytes written field by field from AddOffsetsToTxnRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        try CodecChecks.matches("00027478" + "0000000000000007" + "0002" + "00026731", request, version: 0, flexible: false)
        try CodecChecks.matches("037478" + "0000000000000007" + "0002" + "036731" + "00", request, version: 3, flexible: true)
        try CodecChecks.matches("00000004" + "005a", response, version: 2, flexible: false)
        try CodecChecks.matches("00000004" + "005a" + "00", response, version: 4, flexible: true)
    }

    @Test func truncatedFramesThrow() {
        CodecChecks.rejectsTruncated(AddOffsetsToTxnRequest.self, "037478" + "0000000000000007" + "0002" + "0367", version: 3, flexible: true)
        CodecChecks.rejectsTruncated(AddOffsetsToTxnResponse.self, "00000004" + "00", version: 0, flexible: false)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.addOffsetsToTxnRequest, versions: 0...4, flexibleFrom: 3) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.addOffsetsToTxnResponse, versions: 0...4, flexibleFrom: 3) { _ in response }
    }
}
