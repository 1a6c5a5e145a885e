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
        for (hex, version) in [(KafkaPythonFixtures.electLeadersRequestV0, Int16(0)), (KafkaPythonFixtures.electLeadersRequestV1, 1),
                               (KafkaPythonFixtures.electLeadersRequestV2, 2)] {
            try CodecChecks.matches(hex, request(version), version: version, flexible: version >= 2)
        }
        for (hex, version) in [(KafkaPythonFixtures.electLeadersResponseV0, Int16(0)), (KafkaPythonFixtures.electLeadersResponseV1, 1),
                               (KafkaPythonFixtures.electLeadersResponseV2, 2)] {
            try CodecChecks.matches(hex, response, version: version, flexible: version >= 2)
        }
    }
}
