import Testing
@testable import SamsaProtocol

@Suite struct FindCoordinatorTests {
    let coordinators: [FindCoordinatorResponse.Coordinator] = [
        .init(key: "g1", nodeId: 2, host: "broker2", port: 9093),
        .init(key: "g2", nodeId: -1, host: "", port: -1, errorCode: .coordinatorNotAvailable, errorMessage: "loading")]

    func request(_ v: Int16) -> FindCoordinatorRequest {
        v >= 4 ? FindCoordinatorRequest(coordinatorKeys: ["g1", "g2"], keyType: 1) : FindCoordinatorRequest(key: "g1", keyType: v >= 1 ? 1 : 0)
    }

    func response(_ v: Int16) -> FindCoordinatorResponse {
        v >= 4 ? FindCoordinatorResponse(throttleTimeMs: 4, coordinators: coordinators)
            : FindCoordinatorResponse(throttleTimeMs: v >= 1 ? 4 : 0, nodeId: 2, host: "broker2", port: 9093)
    }

    @Test func roundTripsEveryVersion() throws {
        var full = request(5)
        full.key = "g0"
        try CodecChecks.roundTrip(full, versions: FindCoordinatorRequest.versions, flexibleFrom: 3)
        var response = FindCoordinatorResponse(throttleTimeMs: 4, errorCode: .notCoordinator, errorMessage: "moved", nodeId: 1,
                                               host: "h", port: 9092)
        response.coordinators = coordinators
        try CodecChecks.roundTrip(response, versions: FindCoordinatorRequest.versions, flexibleFrom: 3)
    }

    @Test func keysAndAnswersReadTheSameWhateverTheLayout() {
        #expect(request(3).keys(version: 3) == ["g1"])
        #expect(request(4).keys(version: 4) == ["g1", "g2"])
        #expect(FindCoordinatorResponse(throttleTimeMs: 4, coordinators: coordinators, version: 5) == response(5))
        #expect(FindCoordinatorResponse(throttleTimeMs: 4, coordinators: coordinators, version: 3) == response(3))
        #expect(FindCoordinatorResponse(coordinators: [], version: 2).errorCode == .coordinatorNotAvailable)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matchesEach(KafkaPythonFixtures.findCoordinatorRequest, versions: 0...5, flexibleFrom: 3, request)
        try CodecChecks.matchesEach(KafkaPythonFixtures.findCoordinatorResponse, versions: 0...5, flexibleFrom: 3, response)
    }
}
