import Foundation
import NIOHTTP1

/// Kafka Connect's REST API over a `Herder`: paths, status codes and bodies as Kafka's JAX-RS resources
/// answer them, and errors as `ConnectExceptionMapper` writes them (`{"error_code":…,"message":…}`). Pure
/// request → response, so it is tested without sockets; `ConnectRestServer` puts it on HTTP.
public struct RestRouter: Sendable {
    public let herder: any Herder
    /// Forwards requests the herder sends to the leader (`RestForward`).
    public let client: RestClient

    public init(herder: any Herder, client: RestClient = RestClient()) {
        self.herder = herder
        self.client = client
    }

    public func respond(to request: RestRequest) async -> RestResponse {
        // JAX-RS answers HEAD with the GET resource (the server then leaves the body out).
        var request = request
        if request.method == .HEAD { request.method = .GET }
        guard let route = RestRoute(segments: request.segments) else { return .jersey(.notFound) }
        guard route.methods.contains(request.method) else { return .jersey(.methodNotAllowed) }
        if let refusal = Self.mediaTypeRefusal(request, route: route) { return refusal }
        do {
            return try await answer(route, request)
        } catch let error as ConnectError {
            return .error(error.httpStatus, error.message)
        } catch let target as RestForward {
            return await forward(request, to: target)
        } catch let error as RestBodyError {
            return .error(error.status, error.message)
        } catch {
            return .error(500, String(describing: error))
        }
    }

    private func answer(_ route: RestRoute, _ request: RestRequest) async throws -> RestResponse {
        switch (route, request.method) {
        case (.root, _):
            return .json(try await herder.serverInfo().json)
        case (.connectors, .GET):
            return .json(try await listConnectors(expansions: request.query["expand"] ?? []))
        case (.connectors, _):
            return try await createConnector(request)
        case (.connector(let name), .GET):
            return .json(try await herder.connectorInfo(name).json)
        case (.connector(let name), _):
            try await herder.deleteConnector(name)
            return RestResponse(status: .noContent)
        case (.connectorConfig(let name), .GET):
            return .json(.sortedObject(try await herder.connectorConfig(name)))
        case (.connectorConfig(let name), _):
            var config = try RestBody.stringMap(try RestBody.parse(request.body))
            try RestBody.checkAndPutName(name, into: &config)
            let (created, info) = try await herder.putConnectorConfig(name, config: config, allowReplace: true)
            return created ? .created(info, request) : .json(info.json)
        case (.connectorStatus(let name), _):
            return .json(try await herder.connectorStatus(name).json)
        case (.connectorTasks(let name), _):
            return .json(.array(try await herder.taskConfigs(name).map(\.json)))
        case (.taskStatus(let name, let task), _):
            guard let id = Int32(task) else { return .jersey(.notFound) }
            return .json(try await herder.taskStatus(ConnectorTaskId(connector: name, task: Int(id))).json)
        case (.taskRestart(let name, let task), _):
            guard let id = Int32(task) else { return .jersey(.notFound) }
            try await herder.restartTask(ConnectorTaskId(connector: name, task: Int(id)))
            return RestResponse(status: .noContent)
        case (.connectorRestart(let name), _):
            let includeTasks = request.queryFlag("includeTasks", default: false)
            let onlyFailed = request.queryFlag("onlyFailed", default: false)
            // Kafka answers the plain restart (neither flag) 204 without a body, for older clients.
            guard let status = try await herder.restartConnector(name, includeTasks: includeTasks, onlyFailed: onlyFailed)
            else { return RestResponse(status: .noContent) }
            return .json(status.json, status: .accepted)
        case (.connectorPause(let name), _):
            try await herder.pauseConnector(name)
            return RestResponse(status: .accepted)
        case (.connectorResume(let name), _):
            try await herder.resumeConnector(name)
            return RestResponse(status: .accepted)
        case (.connectorStop(let name), _):
            try await herder.stopConnector(name)
            return RestResponse(status: .noContent)
        case (.connectorOffsets(let name), _):
            return .json(ConnectorOffset.json(try await herder.connectorOffsets(name)))
        case (.plugins, _):
            return .json(.array(listPlugins(connectorsOnly: request.queryFlag("connectorsOnly", default: true)).map(\.json)))
        case (.pluginValidate(let plugin), _):
            let config = try RestBody.stringMap(try RestBody.parse(request.body))
            try RestBody.checkConnectorClass(config, matches: plugin)
            return .json(try await herder.validate(pluginClass: plugin, config: config).json)
        }
    }

    /// `GET /connectors`: names, or with `expand=status`/`expand=info` (either or both, in the order asked)
    /// an object by name. A connector deleted while this runs is left out, as Kafka does.
    private func listConnectors(expansions: [String]) async throws -> JSONValue {
        let names = try await herder.connectors().sorted()
        guard !expansions.isEmpty else { return .array(names.map { .string($0) }) }
        var out = JSONObject()
        for name in names {
            var entry = JSONObject()
            do {
                for expansion in expansions where entry[expansion] == nil {
                    switch expansion {
                    case "status": entry["status"] = try await herder.connectorStatus(name).json
                    case "info": entry["info"] = try await herder.connectorInfo(name).json
                    default: continue  // Kafka logs and ignores unknown expansions
                    }
                }
            } catch ConnectError.notFound {
                continue
            }
            out[name] = .object(entry)
        }
        return .object(out)
    }

    /// `POST /connectors` with `{"name","config","initial_state"?}`: 201 with the new connector and its
    /// Location, 409 when it exists.
    private func createConnector(_ request: RestRequest) async throws -> RestResponse {
        let create = try RestBody.createRequest(try RestBody.parse(request.body))
        // Kafka trims the name and treats a missing one as empty, which its name validator refuses.
        let name = create.name
        guard !name.isEmpty else {
            throw ConnectError.badRequest(ConnectorConfig.invalidSentence(["Invalid value  for configuration name: String may not be empty"]))
        }
        var config = create.config
        try RestBody.checkAndPutName(name, into: &config)
        let (_, info) = try await herder.putConnectorConfig(name, config: config, allowReplace: false)
        switch create.initialState {
        case "PAUSED": try await herder.pauseConnector(name)
        case "STOPPED": try await herder.stopConnector(name)
        default: break
        }
        return .created(info, request)
    }

    /// Kafka's order: sink and source connectors, then transformations, predicates, converters, header
    /// converters; each kind by class name.
    private func listPlugins(connectorsOnly: Bool) -> [PluginDescriptor] {
        let rank: [PluginDescriptor.Kind] = [.sink, .source, .transformation, .predicate, .converter, .headerConverter]
        return herder.plugins()
            .filter { !connectorsOnly || $0.kind == .sink || $0.kind == .source }
            .sorted { (rank.firstIndex(of: $0.kind)!, $0.className) < (rank.firstIndex(of: $1.kind)!, $1.className) }
    }

    /// Jersey's 415 for a body that is not JSON (curl's default form type is the usual cause) and 406 for a
    /// client that accepts no JSON.
    static func mediaTypeRefusal(_ request: RestRequest, route: RestRoute) -> RestResponse? {
        if route.consumesJSON, request.method == .POST || request.method == .PUT,
           let type = request.headers.first(name: "Content-Type"), !isJSON(type) {
            return .jersey(.unsupportedMediaType)
        }
        let accepted = request.headers[canonicalForm: "Accept"]
        if !accepted.isEmpty, !accepted.contains(where: { isJSON(String($0)) }) {
            return .jersey(.notAcceptable)
        }
        return nil
    }

    /// `application/json`, `application/*` or `*/*`, with any parameters (q=0 refuses).
    static func isJSON(_ mediaType: String) -> Bool {
        let parts = mediaType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let type = parts.first else { return false }
        if parts.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "") == "q=0" }) { return false }
        return ["application/json", "application/*", "*/*"].contains(type) || type.hasSuffix("+json")
    }
}

extension RestResponse {
    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> RestResponse {
        RestResponse(status: status, body: value.compactString)
    }

    /// 201 with the connector and `Location: http://<host>/connectors/<name>`, as Jersey's `Response.created`.
    static func created(_ info: ConnectorInfo, _ request: RestRequest) -> RestResponse {
        var response = json(info.json, status: .created)
        if let host = request.headers.first(name: "Host") {
            response.headers.append(("Location", "http://\(host)/connectors/\(RestClient.percentEncoded(info.name))"))
        }
        return response
    }
}
