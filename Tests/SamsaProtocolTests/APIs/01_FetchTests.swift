import Testing
@testable import SamsaProtocol

@Suite struct FetchTests {
    func request(_ v: Int16) -> FetchRequest {
        FetchRequest(maxWaitMs: 500, minBytes: 1, maxBytes: 52_428_800,
                     topics: [.init(topic: v < 13 ? "orders" : "", topicId: v >= 13 ? fixtureTopicId : .zero,
                                    partitions: [.init(partition: 0, currentLeaderEpoch: v >= 9 ? 4 : -1, fetchOffset: 100,
                                                       partitionMaxBytes: 1_048_576)])])
    }

    func response(_ v: Int16) -> FetchResponse {
        FetchResponse(responses: [.init(topic: v < 13 ? "orders" : "", topicId: v >= 13 ? fixtureTopicId : .zero,
                                        partitions: [.init(partitionIndex: 0, highWatermark: 110, lastStableOffset: 110,
                                                           logStartOffset: 0, records: fixtureRecords)])])
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request(13)
        full.topics[0].topic = "orders"
        full.clusterId = "c"
        full.replicaId = 2
        full.replicaEpoch = 7
        full.isolationLevel = 1
        full.sessionId = 3
        full.sessionEpoch = 4
        full.forgottenTopicsData = [.init(topic: "old", topicId: fixtureTopicId, partitions: [1, 2])]
        full.rackId = "r1"
        full.topics[0].partitions[0].lastFetchedEpoch = 3
        full.topics[0].partitions[0].logStartOffset = 5
        try CodecChecks.roundTrip(full, versions: FetchRequest.versions, flexibleFrom: 12)
        var response = response(13)
        response.responses[0].topic = "orders"
        response.throttleTimeMs = 1
        response.errorCode = .none
        response.sessionId = 9
        response.nodeEndpoints = [.init(nodeId: 1, host: "h", port: 1, rack: "r")]
        response.responses[0].partitions[0].abortedTransactions = [.init(producerId: 1, firstOffset: 2)]
        response.responses[0].partitions[0].preferredReadReplica = 2
        response.responses[0].partitions[0].divergingEpoch = .init(epoch: 2, endOffset: 50)
        response.responses[0].partitions[0].currentLeader = .init(leaderId: 1, leaderEpoch: 4)
        response.responses[0].partitions[0].snapshotId = .init(endOffset: 1, epoch: 1)
        response.responses[0].partitions.append(.init(partitionIndex: 1, errorCode: .offsetOutOfRange, records: nil))
        try CodecChecks.roundTrip(response, versions: FetchRequest.versions, flexibleFrom: 12)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches(KafkaPythonFixtures.fetchRequestV4, request(4), version: 4, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.fetchRequestV12, request(12), version: 12, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.fetchRequestV13, request(13), version: 13, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.fetchRequestV15, request(15), version: 15, flexible: true)
        var v4 = response(4)
        v4.responses[0].partitions[0].logStartOffset = -1
        try CodecChecks.matches(KafkaPythonFixtures.fetchResponseV4, v4, version: 4, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.fetchResponseV12, response(12), version: 12, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.fetchResponseV13, response(13), version: 13, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.fetchResponseV15, response(15), version: 15, flexible: true)
    }

    @Test func replicaIdTravelsInReplicaStateFromV15() throws {
        var request = request(15)
        request.replicaId = 2
        request.replicaEpoch = 11
        var writer = KafkaWriter(flexible: true)
        request.write(to: &writer, version: 15)
        var reader = KafkaReader(writer.buffer, flexible: true)
        let decoded = try FetchRequest(from: &reader, version: 15)
        #expect(decoded.replicaId == 2 && decoded.replicaEpoch == 11)
    }
}
