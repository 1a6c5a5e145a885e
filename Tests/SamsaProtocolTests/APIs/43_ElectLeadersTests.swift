import Testing
@testable import SamsaProtocol

@Suite struct ElectLeadersTests {
    func request(_ v: Int16) -> ElectLeadersRequest {
        ElectLeadersRequest(electionType: v >= 1 ? ElectLeadersRequest.uncleanElection : ElectLeadersRequest.preferredElection,
                            topicPartitions: [.init(topic: "orders", partitions: [0, 1])], timeoutMs: 15000)
    }

    let response = ElectLeadersResponse(throttleTimeMs: 4, replicaElectionResults: [
        .init(topic: "orders", partitionResult: [.init(partitionId: 0), .init(partitionId: 1, errorCode: .electionNotNeeded, errorMessage: "already")])])

    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(request(2), versions: ElectLeadersRequest.versions, flexibleFrom: 2)
        try CodecChecks.roundTrip(ElectLeadersRequest(electionType: 1, topicPartitions: nil, timeoutMs: 5),
                                  versions: ElectLeadersRequest.versions, flexibleFrom: 2)
        var failed = response
        failed.errorCode = .clusterAuthorizationFailed
        try CodecChecks.roundTrip(failed, versions: ElectLeadersRequest.versions, flexibleFrom: 2)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.electLeadersRequest, versions: 0...2, flexibleFrom: 2, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.electLeadersResponse, versions: 0...2, flexibleFrom: 2) { _ in response }
    }
}
