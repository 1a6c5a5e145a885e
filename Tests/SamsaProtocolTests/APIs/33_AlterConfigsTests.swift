import Testing
@testable import SamsaProtocol

@Suite struct AlterConfigsTests {
    @Test func roundTripsEveryVersion() throws {
        let request = AlterConfigsRequest(resources: [
            .init(resourceType: 2, resourceName: "orders", configs: [.init(name: "retention.ms", value: "1000"),
                                                                     .init(name: "odd", value: nil)]),
            .init(resourceType: 4, resourceName: "", configs: []),
        ], validateOnly: true)
        try CodecChecks.roundTrip(request, versions: AlterConfigsRequest.versions, flexibleFrom: 2)
        let response = AlterConfigsResponse(throttleTimeMs: 5, responses: [
            .init(resourceType: 2, resourceName: "orders"),
            .init(errorCode: .invalidConfig, errorMessage: "Invalid value soon for configuration retention.ms: Not a number of type LONG", resourceType: 2, resourceName: "x"),
        ])
        try CodecChecks.roundTrip(response, versions: AlterConfigsRequest.versions, flexibleFrom: 2)
    }
}
