import Testing
@testable import SamsaProtocol

@Suite struct OffsetFetchTests {
    let topics: [OffsetFetchRequest.Topic] = [.init(name: "orders", partitionIndexes: [0, 1])]

    func request(_ v: Int16) -> OffsetFetchRequest {
        if v >= 8 {
            return OffsetFetchRequest(groups: [.init(groupId: "g1", memberId: v >= 9 ? "m1" : nil, memberEpoch: v >= 9 ? 6 : -1, topics: topics),
                                               .init(groupId: "g2", topics: nil)], requireStable: true)
        }
        return OffsetFetchRequest(groupId: "g1", topics: topics, requireStable: v >= 7)
    }

    func partitions(_ v: Int16) -> [OffsetFetchResponse.Partition] {
        [.init(partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: v >= 5 ? 3 : -1, metadata: "meta"),
         .init(partitionIndex: 1, committedOffset: -1, metadata: nil, errorCode: .unstableOffsetCommit)]
    }

    func response(_ v: Int16) -> OffsetFetchResponse {
        let throttle: Int32 = v >= 3 ? 4 : 0
        if v >= 8 {
            return OffsetFetchResponse(throttleTimeMs: throttle, groups: [
                .init(groupId: "g1", topics: [.init(name: "orders", partitions: partitions(v))]),
                .init(groupId: "g2", topics: [], errorCode: .groupIdNotFound)])
        }
        return OffsetFetchResponse(throttleTimeMs: throttle, topics: [.init(name: "orders", partitions: partitions(v))])
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request(9)
        full.groupId = "g0"
        full.topics = topics
        try CodecChecks.roundTrip(full, versions: OffsetFetchRequest.versions, flexibleFrom: 6)
        var allTopics = OffsetFetchRequest(groupId: "g0", topics: nil, requireStable: true)
        allTopics.groups = [.init(groupId: "g1", memberId: nil, topics: nil)]
        try CodecChecks.roundTrip(allTopics, versions: OffsetFetchRequest.versions, flexibleFrom: 6)
        var response = response(9)
        response.topics = [.init(name: "orders", partitions: partitions(9))]
        response.errorCode = .groupAuthorizationFailed
        try CodecChecks.roundTrip(response, versions: OffsetFetchRequest.versions, flexibleFrom: 6)
    }

    @Test func nullTopicsTravelFromV2() throws {
        let all = OffsetFetchRequest(groupId: "g1", topics: nil)
        for (version, expected) in [(Int16(1), [OffsetFetchRequest.Topic]?.some([])), (2, nil)] {
            var writer = KafkaWriter()
            all.write(to: &writer, version: version)
            var reader = KafkaReader(writer.buffer)
            #expect(try OffsetFetchRequest(from: &reader, version: version).topics == expected)
        }
    }

    @Test func groupsReadTheSameWhateverTheLayout() {
        #expect(request(7).requestedGroups(version: 7) == [.init(groupId: "g1", topics: topics)])
        #expect(request(9).requestedGroups(version: 9).map(\.groupId) == ["g1", "g2"])
        let groups = response(8).groups
        #expect(OffsetFetchResponse(throttleTimeMs: 4, groups: groups, version: 8) == response(8))
        #expect(OffsetFetchResponse(throttleTimeMs: 4, groups: Array(groups.prefix(1)), version: 7) == response(7))
    }

    // kafka-python has no OffsetFetch v0 (its schema starts at v1).
    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetFetchRequest, versions: 1...9, flexibleFrom: 6, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.offsetFetchResponse, versions: 1...9, flexibleFrom: 6, response)
    }
}
