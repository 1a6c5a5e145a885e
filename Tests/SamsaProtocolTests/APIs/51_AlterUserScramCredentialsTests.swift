import Testing
@testable import SamsaProtocol

@Suite struct AlterUserScramCredentialsTests {
    let request = AlterUserScramCredentialsRequest(
        deletions: [.init(name: "bob", mechanism: 2)],
        upsertions: [.init(name: "alice", mechanism: 1, iterations: 8192, salt: [1, 2], saltedPassword: [3, 4, 5])])
    let response = AlterUserScramCredentialsResponse(throttleTimeMs: 5, results: [
        .init(user: "alice"), .init(user: "bob", errorCode: .unacceptableCredential, errorMessage: "Too few iterations")])

    @Test func roundTripsEveryVersion() throws {
        for value in [request, AlterUserScramCredentialsRequest()] {
            try CodecChecks.roundTrip(value, versions: AlterUserScramCredentialsRequest.versions, flexibleFrom: 0) { _ in value }
        }
        try CodecChecks.roundTrip(response, versions: AlterUserScramCredentialsRequest.versions, flexibleFrom: 0) { _ in response }
    }

    // Bytes from kafka-python 3.0.12 (AlterUserScramCredentialsRequest/Response v0).
    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches("0204626f6202000206616c6963650100002000030102040304050000", request, version: 0, flexible: true)
        try CodecChecks.matches("000000050306616c6963650000000004626f62005d13546f6f2066657720697465726174696f6e730000",
                                response, version: 0, flexible: true)
    }
}
