/// The REST API's JSON for the Herder's answers, field for field and in the order Jackson writes Kafka's
/// entity classes (`@JsonCreator` parameters first). Config maps are written with sorted keys: Kafka's are
/// HashMaps with no defined order, and sorted output is reproducible.

extension ConnectorTaskId {
    /// `{"connector":…,"task":…}`.
    public var json: JSONValue { ["connector": .string(connector), "task": .integer(Int64(task))] }
}

extension ConnectorInfo {
    /// `{"name","config","tasks","type"}`.
    public var json: JSONValue {
        ["name": .string(name), "config": .sortedObject(config), "tasks": .array(tasks.map(\.json)),
         "type": .string(type.rawValue)]
    }
}

extension ConnectorStateInfo.ConnectorState {
    /// `{"state","worker_id"}` plus `"trace"` when there is one (Jackson's NON_EMPTY).
    public var json: JSONValue {
        var object = JSONObject([("state", .string(state.rawValue)), ("worker_id", .string(workerId))])
        if let trace, !trace.isEmpty { object["trace"] = .string(trace) }
        return .object(object)
    }
}

extension ConnectorStateInfo.TaskState {
    /// `{"id","state","worker_id"}` plus `"trace"` when there is one.
    public var json: JSONValue {
        var object = JSONObject([("id", .integer(Int64(id))), ("state", .string(state.rawValue)),
                                 ("worker_id", .string(workerId))])
        if let trace, !trace.isEmpty { object["trace"] = .string(trace) }
        return .object(object)
    }
}

extension ConnectorStateInfo {
    /// `{"name","connector","tasks","type"}`.
    public var json: JSONValue {
        ["name": .string(name), "connector": connector.json, "tasks": .array(tasks.map(\.json)),
         "type": .string(type.rawValue)]
    }
}

extension TaskInfo {
    /// `{"id":{"connector","task"},"config":{…}}`.
    public var json: JSONValue { ["id": id.json, "config": .sortedObject(config)] }
}

extension ConnectorOffset {
    /// `{"partition":{…},"offset":{…}}`, values as Jackson writes the Java objects Kafka reads offsets into.
    public var json: JSONValue {
        ["partition": ConnectValue.map(sourceMap: partition).restJSON, "offset": ConnectValue.map(sourceMap: offset).restJSON]
    }

    /// `GET /connectors/{name}/offsets`: `{"offsets":[…]}`.
    public static func json(_ offsets: [ConnectorOffset]) -> JSONValue { ["offsets": .array(offsets.map(\.json))] }
}

extension PluginDescriptor {
    /// `{"class","type","version"}`; the version is left out when the plugin has none (Kafka's `NoVersionFilter`).
    public var json: JSONValue {
        var object = JSONObject([("class", .string(className)), ("type", .string(kind.rawValue))])
        if !version.isEmpty && version != "undefined" { object["version"] = .string(version) }
        return .object(object)
    }
}

extension ServerInfo {
    /// `{"version","commit","kafka_cluster_id"}`.
    public var json: JSONValue {
        ["version": .string(version), "commit": .string(commit), "kafka_cluster_id": .string(kafkaClusterId)]
    }
}

extension ConfigDef.Key {
    /// Kafka's `ConfigKeyInfo`: creator properties first, then `order` (its getter's name differs from the
    /// creator's `order_in_group`, so Jackson writes it last under the getter's name).
    public var restJSON: JSONValue {
        let shownDefault: JSONValue = defaultValue.map { .string(type == .password ? "[hidden]" : $0) } ?? .null
        return ["name": .string(name), "type": .string(type.rawValue), "required": .bool(isRequired),
                "default_value": shownDefault, "importance": .string(importance.rawValue),
                "documentation": .string(documentation), "group": group.map { .string($0) } ?? .null,
                "width": .string(width.rawValue), "display_name": .string(displayName),
                "dependents": .array(dependents.map { .string($0) }), "order": .integer(Int64(orderInGroup))]
    }
}

extension ConfigInfos {
    /// `{"name","error_count","groups","configs":[{"definition":{…},"value":{…}}]}`.
    public var json: JSONValue {
        let items: [JSONValue] = configs.map { entry in
            let value = entry.value
            let shown: JSONValue = value.value.map { .string(entry.definition.type == .password ? "[hidden]" : $0) } ?? .null
            let valueJSON: JSONValue = [
                "name": .string(value.name), "value": shown,
                "recommended_values": .array(value.recommendedValues.map { .string($0) }),
                "errors": .array(value.errors.map { .string($0) }), "visible": .bool(value.visible),
            ]
            return ["definition": entry.definition.restJSON, "value": valueJSON]
        }
        return ["name": .string(name), "error_count": .integer(Int64(errorCount)),
                "groups": .array(groups.map { .string($0) }), "configs": .array(items)]
    }
}

extension ConnectValue {
    /// A source map as a Connect map with string keys, keys sorted (Kafka's offsets are HashMaps).
    static func map(sourceMap: SourceMap) -> ConnectValue {
        .map(sourceMap.keys.sorted().map { MapEntry(key: .string($0), value: sourceMap[$0]!) })
    }

    /// The value as the schemaless JsonConverter writes it (Kafka keeps offsets that way and the REST API
    /// hands the same Java objects back to Jackson).
    var restJSON: JSONValue {
        (try? Self.offsetConverter.convertToJson(nil, self)) ?? .null
    }

    private static let offsetConverter = JsonConverter(config: JsonConverterConfig(schemasEnabled: false))
}
