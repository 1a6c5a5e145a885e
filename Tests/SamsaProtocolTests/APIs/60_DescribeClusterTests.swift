import Testing
@testable import SamsaProtocol

@Suite struct DescribeClusterTests {
    let request = DescribeClusterRequest(includeClusterAuthorizedOperations: true)
    let response = DescribeClusterResponse(clusterId: "cid", controllerId: 1,
                                           brokers: [.init(brokerId: 1, host: "localhost", port: 9092, rack: "r1")])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request, versions: DescribeClusterRequest.versions, flexibleFrom: 0)
        try CodecChecks.roundTrip(response, versions: DescribeClusterRequest.versions, flexibleFrom: 0)
        let failed = DescribeClusterResponse(errorCode: .invalidRequest, errorMessage: "Unsupported endpoint type 3",
                                             brokers: [.init(brokerId: 0, host: "h", port: 1)], clusterAuthorizedOperations: 8096)
        try CodecChecks.roundTrip(failed, versions: DescribeClusterRequest.versions, flexibleFrom: 0)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeClusterRequest, versions: 0...1, flexibleFrom: 0) { _ in request }
        try CodecChecks.matchesEach(KafkaPythonFixtures.describeClusterResponse, versions: 0...1, flexibleFrom: 0) { _ in response }
    }
}
