import Testing
@testable import SamsaProtocol

@Suite struct ListOffsetsTests {
    @Test func roundTripsEveryVersion() throws {
        let request = ListOffsetsRequest(replicaId: 1, isolationLevel: 1, topics: [
            .init(name: "orders", partitions: [.init(partitionIndex: 1, currentLeaderEpoch: 4, timestamp: -3)])])
        try CodecChecks.roundTrip(request, versions: ListOffsetsRequest.versions, flexibleFrom: 6)
        let response = ListOffsetsResponse(throttleTimeMs: 1, topics: [
            .init(name: "orders", partitions: [.init(partitionIndex: 1, errorCode: .fencedLeaderEpoch, timestamp: 9, offset: 77,
                                                     leaderEpoch: 4)])])
        try CodecChecks.roundTrip(response, versions: ListOffsetsRequest.versions, flexibleFrom: 6)
    }

    @Test func matchesKafkaPython() throws {
        let v1 = ListOffsetsRequest(topics: [.init(name: "orders", partitions: [.init(partitionIndex: 1, timestamp: -2)])])
        try CodecChecks.matches(KafkaPythonFixtures.listOffsetsRequestV1, v1, version: 1, flexible: false)
        let v6 = ListOffsetsRequest(isolationLevel: 1, topics: [
            .init(name: "orders", partitions: [.init(partitionIndex: 1, currentLeaderEpoch: 4, timestamp: -2)])])
        try CodecChecks.matches(KafkaPythonFixtures.listOffsetsRequestV6, v6, version: 6, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.listOffsetsResponseV1,
                                ListOffsetsResponse(topics: [.init(name: "orders", partitions: [.init(partitionIndex: 1, offset: 77)])]),
                                version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.listOffsetsResponseV6,
                                ListOffsetsResponse(topics: [.init(name: "orders", partitions: [
                                    .init(partitionIndex: 1, offset: 77, leaderEpoch: 4)])]),
                                version: 6, flexible: true)
    }
}

@Suite struct ListOffsetsEveryVersionTests {
    /// kafka-python's encoding at every version Samsa serves: the partition's leader epoch from v4, the
    /// isolation level from v2, flexible from v6.
    @Test func matchesKafkaPythonAtEveryVersion() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.listOffsetsRequest, versions: ListOffsetsRequest.versions, flexibleFrom: 6) { v in
            ListOffsetsRequest(isolationLevel: v >= 2 ? 1 : 0, topics: [
                .init(name: "orders", partitions: [.init(partitionIndex: 1, currentLeaderEpoch: v >= 4 ? 4 : -1, timestamp: -3)])])
        }
        try CodecChecks.matchesEach(KafkaPythonFixtures.listOffsetsResponse, versions: ListOffsetsRequest.versions, flexibleFrom: 6) { v in
            ListOffsetsResponse(topics: [.init(name: "orders", partitions: [
                .init(partitionIndex: 1, timestamp: 1_700_000_000_000, offset: 77, leaderEpoch: v >= 4 ? 4 : -1)])])
        }
    }
}
