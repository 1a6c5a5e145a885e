import NIOHTTP1

/// Reading Kafka Connect's REST answers back into the Herder's types (the inverse of `RestModels+JSON`).
extension RemoteHerder {
    /// One connector of `GET /connectors?expand=status&expand=info`: `{"name": {"status": {…}, "info": {…}}}`.
    struct Expanded: Sendable {
        var name: String
        var status: ConnectorStateInfo
        var info: ConnectorInfo?
    }

    static func connectors(_ response: RestClient.Response) throws -> [Expanded] {
        guard let object = response.json?.objectValue else { throw malformed("GET /connectors?expand=status&expand=info", response.body) }
        return try object.entries.map { name, value in
            Expanded(name: name, status: try status(value["status"]), info: value["info"].flatMap { try? info($0) })
        }.sorted { $0.name < $1.name }
    }

    /// What the workbench draws: the connectors' and tasks' states and workers, no record counts (the REST
    /// API has none). Workers are the ids the statuses name.
    static func snapshot(_ connectors: [Expanded], offsets: [String: [ConnectorOffset]], url: String, version: String?) -> ConnectSnapshot {
        var workers: Set<String> = []
        let entries = connectors.map { connector in
            let status = connector.status
            let config = connector.info?.config ?? [:]
            let type = status.type != .unknown ? status.type : connector.info?.type ?? .unknown
            workers.insert(status.connector.workerId)
            let tasks = status.tasks.map { task in
                workers.insert(task.workerId)
                return ConnectSnapshot.TaskEntry(id: task.id, state: task.state, workerId: task.workerId, trace: task.trace)
            }
            return ConnectSnapshot.ConnectorEntry(name: connector.name, type: type, className: config["connector.class"] ?? "",
                                                  state: status.connector.state, workerId: status.connector.workerId,
                                                  trace: status.connector.trace, topics: topics(config), tasks: tasks)
        }
        let workerEntries = workers.filter { !$0.isEmpty }.sorted().map { ConnectSnapshot.WorkerEntry(id: $0, isLeader: false, isLocal: false) }
        return ConnectSnapshot(workers: workerEntries, connectors: entries, mode: "remote", restURL: url)
    }

    /// The topics a connector config names: a sink's `topics` (or its `topics.regex`), a source's `topic`
    /// (`kafka.topic` for Datagen).
    static func topics(_ config: [String: String]) -> [String] {
        if let topics = config["topics"] {
            return topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return [config["topic"] ?? config["kafka.topic"] ?? config["topics.regex"]].compactMap { $0 }.filter { !$0.isEmpty }
    }

    static func info(_ json: JSONValue?) throws -> ConnectorInfo {
        guard let json, let name = json["name"]?.stringValue else { throw malformed("connector info", json?.compactString ?? "") }
        let tasks = try (json["tasks"]?.arrayValue ?? []).map(taskId)
        return ConnectorInfo(name: name, config: json["config"]?.stringDictionary ?? [:], tasks: tasks,
                             type: json["type"]?.stringValue.flatMap(ConnectorType.init(rawValue:)) ?? .unknown)
    }

    static func taskId(_ json: JSONValue?) throws -> ConnectorTaskId {
        guard let connector = json?["connector"]?.stringValue, let task = json?["task"]?.int64Value else {
            throw malformed("task id", json?.compactString ?? "")
        }
        return ConnectorTaskId(connector: connector, task: Int(task))
    }

    static func status(_ json: JSONValue?) throws -> ConnectorStateInfo {
        guard let json, let name = json["name"]?.stringValue, let connector = json["connector"],
              let state = connector["state"]?.stringValue.flatMap(ConnectState.init(rawValue:)) else {
            throw malformed("connector status", json?.compactString ?? "")
        }
        return ConnectorStateInfo(
            name: name,
            connector: .init(state: state, workerId: connector["worker_id"]?.stringValue ?? "", trace: connector["trace"]?.stringValue),
            tasks: try (json["tasks"]?.arrayValue ?? []).map(taskState),
            type: json["type"]?.stringValue.flatMap(ConnectorType.init(rawValue:)) ?? .unknown)
    }

    static func taskState(_ json: JSONValue?) throws -> ConnectorStateInfo.TaskState {
        guard let json, let id = json["id"]?.int64Value, let state = json["state"]?.stringValue.flatMap(ConnectState.init(rawValue:)) else {
            throw malformed("task status", json?.compactString ?? "")
        }
        return .init(id: Int(id), state: state, workerId: json["worker_id"]?.stringValue ?? "", trace: json["trace"]?.stringValue)
    }

    /// `{"offsets":[{"partition":{…},"offset":{…}}]}`, values read as the schemaless JsonConverter reads them.
    static func offsets(_ response: RestClient.Response) throws -> [ConnectorOffset] {
        guard let items = response.json?["offsets"]?.arrayValue else { throw malformed("connector offsets", response.body) }
        return items.map { ConnectorOffset(partition: sourceMap($0["partition"]), offset: sourceMap($0["offset"])) }
    }

    private static func sourceMap(_ json: JSONValue?) -> SourceMap {
        var map: SourceMap = [:]
        for (key, value) in json?.objectValue ?? JSONObject() {
            map[key] = (try? offsetReader.convertToConnect(nil, value)) ?? .null
        }
        return map
    }

    private static let offsetReader = JsonConverter(config: JsonConverterConfig(schemasEnabled: false))

    /// `GET /connector-plugins`: `[{"class","type","version"}]`.
    static func plugins(_ response: RestClient.Response) throws -> [PluginDescriptor] {
        guard let items = response.json?.arrayValue else { throw malformed("GET /connector-plugins", response.body) }
        return items.compactMap { item in
            guard let name = item["class"]?.stringValue, let kind = item["type"]?.stringValue.flatMap(PluginDescriptor.Kind.init(rawValue:)) else {
                return nil
            }
            return PluginDescriptor(className: name, kind: kind, version: item["version"]?.stringValue ?? "")
        }
    }

    static func configInfos(_ json: JSONValue?) throws -> ConfigInfos {
        guard let json, let name = json["name"]?.stringValue else { throw malformed("config validation", json?.compactString ?? "") }
        let configs: [(definition: ConfigDef.Key, value: ConfigInfos.Value)] = (json["configs"]?.arrayValue ?? []).compactMap { item in
            guard let definition = item["definition"], let key = definition["name"]?.stringValue, let value = item["value"] else { return nil }
            let def = ConfigDef.Key(
                name: key, type: definition["type"]?.stringValue.flatMap(ConfigDef.ValueType.init(rawValue:)) ?? .string,
                defaultValue: definition["default_value"]?.stringValue,
                importance: definition["importance"]?.stringValue.flatMap(ConfigDef.Importance.init(rawValue:)) ?? .medium,
                documentation: definition["documentation"]?.stringValue ?? "", group: definition["group"]?.stringValue,
                orderInGroup: Int(definition["order"]?.int64Value ?? -1),
                width: definition["width"]?.stringValue.flatMap(ConfigDef.Width.init(rawValue:)) ?? .none,
                displayName: definition["display_name"]?.stringValue,
                dependents: definition["dependents"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let shown = ConfigInfos.Value(name: value["name"]?.stringValue ?? key, value: value["value"]?.stringValue,
                                          recommendedValues: value["recommended_values"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                          errors: value["errors"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                          visible: value["visible"]?.boolValue ?? true)
            return (def, shown)
        }
        return ConfigInfos(name: name, errorCount: Int(json["error_count"]?.int64Value ?? 0),
                           groups: json["groups"]?.arrayValue?.compactMap(\.stringValue) ?? [], configs: configs)
    }

    /// Kafka's `{"error_code","message"}` as the `ConnectError` with the same status: 404 not found, 409
    /// already exists (Kafka's "… already exists") or conflict, other 4xx a bad request, 5xx a failure.
    static func error(status: Int, body: String, method: HTTPMethod, target: String) -> ConnectError {
        let json = body.isEmpty ? nil : try? JSONValue.parse(body)
        let message = json?["message"]?.stringValue ?? "The Connect REST API answered \(method) /\(target) with HTTP \(status)."
        switch status {
        case 404: return .notFound(message)
        case 409: return message.hasSuffix("already exists") ? .alreadyExists(message) : .conflict(message)
        case 400..<500: return .badRequest(message)
        default: return .connect(message)
        }
    }

    private static func malformed(_ what: String, _ body: String) -> ConnectError {
        .connect("The Connect REST API's answer to \(what) is not what Kafka Connect sends: \(body.prefix(200))")
    }
}
