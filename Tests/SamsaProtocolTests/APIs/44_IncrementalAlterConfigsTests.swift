import Testing
@testable import SamsaProtocol

@Suite struct IncrementalAlterConfigsTests {
    @Test func roundTripsEveryVersion() throws {
        let request = IncrementalAlterConfigsRequest(resources: [
            .init(resourceType: 2, resourceName: "orders", configs: [
                .init(name: "retention.ms", operation: IncrementalAlterConfigsRequest.set, value: "1000"),
                .init(name: "segment.ms", operation: IncrementalAlterConfigsRequest.delete, value: nil),
                .init(name: "cleanup.policy", operation: IncrementalAlterConfigsRequest.append, value: "compact"),
            ]),
            .init(resourceType: 4, resourceName: "1", configs: [.init(name: "log.retention.ms", operation: 3, value: "x")]),
        ])
        try CodecChecks.roundTrip(request, versions: IncrementalAlterConfigsRequest.versions, flexibleFrom: 1)
        let response = IncrementalAlterConfigsResponse(responses: [
            .init(errorCode: .invalidRequest, errorMessage: "Cannot update these configs dynamically: num.partitions.",
                  resourceType: 4, resourceName: "1"),
        ])
        try CodecChecks.roundTrip(response, versions: IncrementalAlterConfigsRequest.versions, flexibleFrom: 1)
    }

    /// The bytes librdkafka sends for IncrementalAlterConfigs v1 (flexible: compact strings, tagged fields).
    @Test func decodesAFlexibleRequest() throws {
        // resources: 1 (+1), type 2, name "t" (2 bytes: len+1, 't'), configs: 1 (+1), name "a", op 0, value "b",
        // tags, tags, validate_only false, tags.
        let hex = "02" + "02" + "0274" + "02" + "0261" + "00" + "0262" + "00" + "00" + "00" + "00"
        var reader = KafkaReader(CodecChecks.bytes(hex), flexible: true)
        let request = try IncrementalAlterConfigsRequest(from: &reader, version: 1)
        #expect(request == IncrementalAlterConfigsRequest(resources: [
            .init(resourceType: 2, resourceName: "t", configs: [.init(name: "a", operation: 0, value: "b")])]))
        #expect(reader.remaining == 0)
    }
}
