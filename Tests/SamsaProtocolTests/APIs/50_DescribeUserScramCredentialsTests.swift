import Testing
@testable import SamsaProtocol

@Suite struct DescribeUserScramCredentialsTests {
    let response = DescribeUserScramCredentialsResponse(results: [
        .init(user: "alice", credentialInfos: [.init(mechanism: 1, iterations: 8192)]),
        .init(user: "bob", errorCode: .resourceNotFound, errorMessage: "nope")])

    @Test func roundTripsEveryVersion() throws {
        for request in [DescribeUserScramCredentialsRequest(users: ["alice", "bob"]), .init(users: nil), .init(users: [])] {
            try CodecChecks.roundTrip(request, versions: DescribeUserScramCredentialsRequest.versions, flexibleFrom: 0) { _ in request }
        }
        let failed = DescribeUserScramCredentialsResponse(throttleTimeMs: 3, errorCode: .clusterAuthorizationFailed,
                                                          errorMessage: "Cluster authorization failed.", results: [])
        for value in [response, failed] {
            try CodecChecks.roundTrip(value, versions: DescribeUserScramCredentialsRequest.versions, flexibleFrom: 0) { _ in value }
        }
    }

    // Bytes from kafka-python 3.0.12 (DescribeUserScramCredentialsRequest/Response v0).
    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches("0206616c6963650000", DescribeUserScramCredentialsRequest(users: ["alice"]), version: 0, flexible: true)
        try CodecChecks.matches("00" + "00", DescribeUserScramCredentialsRequest(users: nil), version: 0, flexible: true)
        try CodecChecks.matches("000000000000000306616c696365000000020100002000000004626f62005b056e6f7065010000",
                                response, version: 0, flexible: true)
    }
}
