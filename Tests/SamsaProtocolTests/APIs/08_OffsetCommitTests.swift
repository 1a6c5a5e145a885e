import Testing
@testable import SamsaProtocol

@Suite struct OffsetCommitTests {
    func request(_ v: Int16) -> OffsetCommitRequest {
        let epoch: Int32 = v >= 6 ? 3 : -1
        return OffsetCommitRequest(groupId: "g1", generationIdOrMemberEpoch: 5, memberId: "m1", groupInstanceId: v >= 7 ? "i1" : nil,
                                   retentionTimeMs: (2...4).contains(v) ? 86_400_000 : -1,
                                   topics: [.init(name: "orders", partitions: [
                                       .init(partitionIndex: 2, committedOffset: 42, committedLeaderEpoch: epoch, committedMetadata: "meta"),
                                       .init(partitionIndex: 3, committedOffset: 7, committedLeaderEpoch: epoch, committedMetadata: nil)])])
    }

    func response(_ v: Int16) -> OffsetCommitResponse {
        OffsetCommitResponse(throttleTimeMs: v >= 3 ? 4 : 0, topics: [
            .init(name: "orders", partitions: [.init(partitionIndex: 2), .init(partitionIndex: 3, errorCode: .illegalGeneration)])])
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request(9)
        full.retentionTimeMs = 1000
        full.topics[0].partitions[0].commitTimestamp = 1_700_000_000_000
        full.topics.append(.init(name: "events", partitions: []))
        try CodecChecks.roundTrip(full, versions: OffsetCommitRequest.versions, flexibleFrom: 8)
        var response = response(9)
        response.topics.append(.init(name: "events", partitions: [.init(partitionIndex: 0, errorCode: .offsetMetadataTooLarge)]))
        try CodecChecks.roundTrip(response, versions: OffsetCommitRequest.versions, flexibleFrom: 8)
    }

    @Test func commitTimestampTravelsOnlyInV1() throws {
        var value = request(1)
        value.topics[0].partitions[0].commitTimestamp = 99
        for version: Int16 in [1, 2] {
            var writer = KafkaWriter()
            value.write(to: &writer, version: version)
            var reader = KafkaReader(writer.buffer)
            let decoded = try OffsetCommitRequest(from: &reader, version: version)
            #expect(decoded.topics[0].partitions[0].commitTimestamp == (version == 1 ? 99 : -1))
        }
    }

    // kafka-python has no OffsetCommit v0-v1 (its schema starts at v2).
    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetCommitRequest, versions: 2...9, flexibleFrom: 8, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetCommitResponse, versions: 2...9, flexibleFrom: 8, response)
    }
}
