import Testing
@testable import SamsaProtocol

@Suite struct OffsetForLeaderEpochTests {
    func request(_ v: Int16) -> OffsetForLeaderEpochRequest {
        OffsetForLeaderEpochRequest(replicaId: v >= 3 ? 1 : OffsetForLeaderEpochRequest.debuggingReplicaId, topics: [
            .init(topic: "orders", partitions: [.init(partition: 0, currentLeaderEpoch: v >= 2 ? 5 : -1, leaderEpoch: 3)])])
    }

    func response(_ v: Int16) -> OffsetForLeaderEpochResponse {
        OffsetForLeaderEpochResponse(throttleTimeMs: v >= 2 ? 4 : 0, topics: [
            .init(topic: "orders", partitions: [.init(partition: 0, leaderEpoch: v >= 1 ? 3 : -1, endOffset: 100),
                                                .init(errorCode: .fencedLeaderEpoch, partition: 1)])])
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request(4)
        full.topics.append(.init(topic: "events", partitions: [.init(partition: 2, currentLeaderEpoch: 9, leaderEpoch: 8)]))
        try CodecChecks.roundTrip(full, versions: OffsetForLeaderEpochRequest.versions, flexibleFrom: 4)
        try CodecChecks.roundTrip(response(4), versions: OffsetForLeaderEpochRequest.versions, flexibleFrom: 4)
    }

    @Test func olderRequestsImplyTheDebuggingReplica() throws {
        var writer = KafkaWriter()
        request(4).write(to: &writer, version: 2)
        var reader = KafkaReader(writer.buffer)
        #expect(try OffsetForLeaderEpochRequest(from: &reader, version: 2).replicaId == -2)
    }

    // kafka-python has no OffsetForLeaderEpoch v0-v1 (its schema starts at v2).
    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetForLeaderEpochRequest, versions: 2...4, flexibleFrom: 4, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetForLeaderEpochResponse, versions: 2...4, flexibleFrom: 4, response)
    }
}
