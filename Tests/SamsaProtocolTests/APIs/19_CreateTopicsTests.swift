import Testing
@testable import SamsaProtocol

@Suite struct CreateTopicsTests {
    let request = CreateTopicsRequest(topics: [.init(name: "orders", numPartitions: 3, replicationFactor: 1,
                                                     configs: [.init(name: "retention.ms", value: "1000")])],
                                      timeoutMs: 30000)

    @Test func roundTripsEveryVersion() throws {
        var full = request
        full.validateOnly = true
        full.topics.append(.init(name: "manual", assignments: [.init(partitionIndex: 0, brokerIds: [1, 2])],
                                 configs: [.init(name: "x", value: nil)]))
        try CodecChecks.roundTrip(full, versions: CreateTopicsRequest.versions, flexibleFrom: 5)
        let response = CreateTopicsResponse(throttleTimeMs: 2, topics: [
            .init(name: "orders", topicId: fixtureTopicId, errorCode: .topicAlreadyExists, errorMessage: "exists",
                  topicConfigErrorCode: .invalidConfig, numPartitions: 3, replicationFactor: 1,
                  configs: [.init(name: "retention.ms", value: "1000", readOnly: true, configSource: 1, isSensitive: false)])])
        try CodecChecks.roundTrip(response, versions: CreateTopicsRequest.versions, flexibleFrom: 5)
    }

    @Test func matchesKafkaPython() throws {
        for (hex, version) in [(KafkaPythonFixtures.createTopicsRequestV4, Int16(4)), (KafkaPythonFixtures.createTopicsRequestV5, 5),
                               (KafkaPythonFixtures.createTopicsRequestV7, 7)] {
            try CodecChecks.matches(hex, request, version: version, flexible: version >= 5)
        }
        let full = CreateTopicsResponse(topics: [
            .init(name: "orders", topicId: fixtureTopicId, errorCode: .topicAlreadyExists, errorMessage: "exists", numPartitions: 3,
                  replicationFactor: 1, configs: [.init(name: "retention.ms", value: "1000", readOnly: false, configSource: 1)])])
        try CodecChecks.matches(KafkaPythonFixtures.createTopicsResponseV4,
                                CreateTopicsResponse(topics: [.init(name: "orders", errorCode: .topicAlreadyExists, errorMessage: "exists")]),
                                version: 4, flexible: false)
        var v5 = full
        v5.topics[0].topicId = .zero
        try CodecChecks.matches(KafkaPythonFixtures.createTopicsResponseV5, v5, version: 5, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.createTopicsResponseV7, full, version: 7, flexible: true)
    }
}
