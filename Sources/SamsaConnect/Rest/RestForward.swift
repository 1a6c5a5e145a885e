/// Thrown by a herder for a request this worker cannot complete because another one must (Kafka's
/// `NotLeaderException`/`RequestTargetException`): the REST layer forwards the request to `leaderURL`, as
/// Kafka's `HerderRequestHandler.completeOrForwardRequest` does, and relays the answer.
public struct RestForward: Error, Sendable, Equatable {
    /// The REST URL of the worker that can complete it (`http://host:port/`), nil while no leader is known.
    public var leaderURL: String?

    public init(leaderURL: String?) { self.leaderURL = leaderURL }
}

extension RestRouter {
    /// Kafka's two hops: a user's request (no `forward` parameter) may be forwarded with `forward=true`, which
    /// may be forwarded once more with `forward=false`; a third worker asked to forward answers 409.
    func forward(_ request: RestRequest, to target: RestForward) async -> RestResponse {
        let flag = request.queryValue("forward").map { $0.lowercased() == "true" }
        guard flag ?? true else {
            return .error(409, "Cannot complete request because of a conflicting operation (e.g. worker rebalance)")
        }
        guard let leader = target.leaderURL else {
            return .error(409, "Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.")
        }
        var query = ["forward=\(flag == nil)"]
        for (name, values) in request.query.sorted(by: { $0.key < $1.key }) where name != "forward" {
            for value in values { query.append("\(RestClient.percentEncoded(name))=\(RestClient.percentEncoded(value))") }
        }
        let base = leader.hasSuffix("/") ? String(leader.dropLast()) : leader
        let url = base + request.rawPath + "?" + query.joined(separator: "&")
        let body = request.body.isEmpty ? nil : String(decoding: request.body, as: UTF8.self)
        do {
            let answer = try await client.request(request.method, url, body: body)
            let location = answer.header("Location").map { [("Location", $0)] } ?? []
            return RestResponse(status: .init(statusCode: answer.status), body: answer.body.isEmpty ? nil : answer.body,
                                headers: location)
        } catch {
            return .error(500, "IO Error trying to forward REST request: \(error)")
        }
    }
}
