import Testing
@testable import SamsaProtocol

@Suite struct MetadataTests {
    let response = MetadataResponse(
        throttleTimeMs: 7, brokers: [.init(nodeId: 1, host: "localhost", port: 9092)], clusterId: "cid", controllerId: 1,
        topics: [.init(name: "orders", topicId: fixtureTopicId,
                       partitions: [.init(partitionIndex: 0, leaderId: 1, leaderEpoch: 4, replicaNodes: [1, 2], isrNodes: [1],
                                          offlineReplicas: [2])])])

    @Test func roundTripsEveryVersion() throws {
        let request = MetadataRequest(topics: [.init(topicId: fixtureTopicId, name: "orders")], allowAutoTopicCreation: false,
                                      includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true)
        try CodecChecks.roundTrip(request, versions: MetadataRequest.versions, flexibleFrom: 9)
        try CodecChecks.roundTrip(MetadataRequest(topics: nil), versions: 1...12, flexibleFrom: 9)
        try CodecChecks.roundTrip(response, versions: MetadataRequest.versions, flexibleFrom: 9)
    }

    @Test func matchesKafkaPython() throws {
        let request = { (v: Int16) in
            MetadataRequest(topics: [.init(topicId: v >= 10 ? fixtureTopicId : .zero, name: "orders")], allowAutoTopicCreation: v < 4)
        }
        try CodecChecks.matches(KafkaPythonFixtures.metadataRequestV1, request(1), version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.metadataRequestV9, request(9), version: 9, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.metadataRequestV12, request(12), version: 12, flexible: true)
        var v1 = response
        v1.throttleTimeMs = 0
        v1.clusterId = nil
        v1.topics[0].topicId = .zero
        v1.topics[0].partitions[0].leaderEpoch = -1
        v1.topics[0].partitions[0].offlineReplicas = []
        try CodecChecks.matches(KafkaPythonFixtures.metadataResponseV1, v1, version: 1, flexible: false)
        var v9 = response
        v9.topics[0].topicId = .zero
        try CodecChecks.matches(KafkaPythonFixtures.metadataResponseV9, v9, version: 9, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.metadataResponseV12, response, version: 12, flexible: true)
    }

    @Test func versionZeroEmptyListMeansAllTopics() throws {
        var writer = KafkaWriter()
        MetadataRequest(topics: nil).write(to: &writer, version: 0)
        var reader = KafkaReader(writer.buffer)
        #expect(try MetadataRequest(from: &reader, version: 0).topics == nil)
    }
}
