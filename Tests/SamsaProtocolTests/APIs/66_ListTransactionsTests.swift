import Testing
@testable import SamsaProtocol

@Suite struct ListTransactionsTests {
    let request = ListTransactionsRequest(stateFilters: ["Ongoing"], producerIdFilters: [7, 8], durationFilter: 60000)
    let response = ListTransactionsResponse(throttleTimeMs: 4, unknownStateFilters: ["Bogus"], transactionStates: [
        .init(transactionalId: "tx", producerId: 7, transactionState: "Ongoing")])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: ListTransactionsRequest.versions, flexibleFrom: 0) { v in
            v >= 1 ? request : ListTransactionsRequest(stateFilters: ["Ongoing"], producerIdFilters: [7, 8])
        }
        try CodecChecks.roundTrip(response, versions: ListTransactionsRequest.versions, flexibleFrom: 0) { _ in response }
    }

    // Bytes written field by field from ListTransactionsRequest.json / Response.json.
    @Test func matchesTheSchema() throws {
        let filters = "02" + "084f6e676f696e67" + "02" + "0000000000000007"
        try CodecChecks.matches(filters + "00", ListTransactionsRequest(stateFilters: ["Ongoing"], producerIdFilters: [7]), version: 0, flexible: true)
        try CodecChecks.matches(filters + "000000000000ea60" + "00", ListTransactionsRequest(stateFilters: ["Ongoing"], producerIdFilters: [7], durationFilter: 60000),
                                version: 1, flexible: true)
        try CodecChecks.matches("00000004" + "0000" + "02" + "06426f677573" + "02" + "037478" + "0000000000000007" + "084f6e676f696e67" + "00" + "00",
                                response, version: 1, flexible: true)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.listTransactionsRequest, versions: 0...1, flexibleFrom: 0) { v in
            v >= 1 ? request : ListTransactionsRequest(stateFilters: ["Ongoing"], producerIdFilters: [7, 8])
        }
        try CodecChecks.matchesEach(KafkaPythonFixtures.listTransactionsResponse, versions: 0...1, flexibleFrom: 0) { _ in response }
    }
}
