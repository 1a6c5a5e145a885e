import SamsaProtocol

extension RequestDispatcher {
    /// ApiVersions answers from the registry itself; register it after every other API so the answer
    /// lists them all (and itself).
    mutating func registerApiVersionsLast() {
        var complete = registry
        complete.register(ApiVersionsRequest.self)
        let ranges = complete.apiVersionRanges
        register(ApiVersionsRequest.self) { _, _ in
            .now(ApiVersionsResponse(errorCode: .none, apiKeys: ranges))
        }
    }
}
