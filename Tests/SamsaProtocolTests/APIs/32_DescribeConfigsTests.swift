import Testing
@testable import SamsaProtocol

@Suite struct DescribeConfigsTests {
    let request = DescribeConfigsRequest(resources: [.init(resourceType: 2, resourceName: "orders")], includeSynonyms: true)

    func response(_ v: Int16) -> DescribeConfigsResponse {
        DescribeConfigsResponse(results: [.init(resourceType: 2, resourceName: "orders", configs: [
            .init(name: "retention.ms", value: "1000", configSource: 1, synonyms: [.init(name: "retention.ms", value: "1000", source: 1)],
                  configType: v >= 3 ? 5 : 0)])])
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request
        full.includeDocumentation = true
        full.resources.append(.init(resourceType: 4, resourceName: "0", configurationKeys: ["a", "b"]))
        try CodecChecks.roundTrip(full, versions: DescribeConfigsRequest.versions, flexibleFrom: 4)
        var response = response(3)
        response.results[0].configs[0].documentation = "docs"
        response.results.append(.init(errorCode: .unknownTopicOrPartition, errorMessage: "no", resourceType: 2, resourceName: "x"))
        try CodecChecks.roundTrip(response, versions: DescribeConfigsRequest.versions, flexibleFrom: 4)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches(KafkaPythonFixtures.describeConfigsRequestV1, request, version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.describeConfigsRequestV4, request, version: 4, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.describeConfigsResponseV1, response(1), version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.describeConfigsResponseV4, response(4), version: 4, flexible: true)
    }
}

@Suite struct DescribeConfigsV0Tests {
    /// v0 has no synonyms nor sources: a DEFAULT_CONFIG source travels as is-default, everything else as not.
    @Test func versionZeroCarriesIsDefault() throws {
        let response = DescribeConfigsResponse(results: [.init(resourceType: 2, resourceName: "t", configs: [
            .init(name: "retention.ms", value: "1", configSource: 1, synonyms: [.init(name: "retention.ms", value: "1", source: 1)]),
            .init(name: "segment.ms", value: "2", configSource: 5),
        ])])
        var writer = KafkaWriter(flexible: false)
        response.write(to: &writer, version: 0)
        var reader = KafkaReader(writer.buffer, flexible: false)
        let decoded = try DescribeConfigsResponse(from: &reader, version: 0)
        #expect(decoded.results[0].configs.map(\.configSource) == [-1, 5])
        #expect(decoded.results[0].configs.allSatisfy { $0.synonyms.isEmpty })
    }
}
