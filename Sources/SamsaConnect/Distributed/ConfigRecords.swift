/// The records of `config.storage.topic`, keyed and shaped as Kafka's `KafkaConfigBackingStore` writes them
/// with a JsonConverter whose schemas are disabled: `connector-<name>` → `{"properties":{…}}`,
/// `task-<name>-<n>` → `{"properties":{…}}`, `commit-<name>` → `{"tasks":N}`, `target-state-<name>` →
/// `{"state":"PAUSED","state.v2":"PAUSED"}` (a stopped connector writes `"state":"PAUSED","state.v2":"STOPPED"`
/// so that older workers pause it), `restart-connector-<name>` → `{"include-tasks":b,"only-failed":b}`.
/// A null value deletes what the key names.
public enum ConfigRecord: Sendable, Equatable {
    case connector(String, [String: String]?)
    case task(ConnectorTaskId, [String: String]?)
    case commit(String, tasks: Int)
    case targetState(String, TargetState?)
    case restart(String, includeTasks: Bool, onlyFailed: Bool)

    public var key: String {
        switch self {
        case .connector(let name, _): "connector-\(name)"
        case .task(let id, _): "task-\(id.connector)-\(id.task)"
        case .commit(let name, _): "commit-\(name)"
        case .targetState(let name, _): "target-state-\(name)"
        case .restart(let name, _, _): "restart-connector-\(name)"
        }
    }

    /// The value bytes (nil: a tombstone).
    public var value: [UInt8]? {
        let json: JSONValue?
        switch self {
        case .connector(_, let properties), .task(_, let properties):
            json = properties.map { ["properties": JSONValue.sortedObject($0)] }
        case .commit(_, let tasks):
            json = ["tasks": .integer(Int64(tasks))]
        case .targetState(_, let state):
            json = state.map { ["state": .string($0 == .stopped ? "PAUSED" : $0.rawValue), "state.v2": .string($0.rawValue)] }
        case .restart(_, let includeTasks, let onlyFailed):
            json = ["include-tasks": .bool(includeTasks), "only-failed": .bool(onlyFailed)]
        }
        return json?.compactBytes
    }

    /// Reads a record of the config topic; nil for keys this worker does not use (session keys, loggers,
    /// fencing records) and for values it cannot read (logged by the caller).
    public init?(key: String, value: [UInt8]?) {
        let json = value.flatMap { try? JSONValue.parse($0) }
        if value != nil && json == nil { return nil }
        func properties() -> [String: String]? {
            guard let object = json?["properties"]?.objectValue else { return nil }
            var out: [String: String] = [:]
            for (k, v) in object { if let s = v.stringValue { out[k] = s } }
            return out
        }
        if let name = key.dropPrefix("connector-") {
            if json != nil, properties() == nil { return nil }
            self = .connector(name, properties())
        } else if let rest = key.dropPrefix("task-"), let dash = rest.lastIndex(of: "-"),
                  let task = Int(rest[rest.index(after: dash)...]) {
            if json != nil, properties() == nil { return nil }
            self = .task(ConnectorTaskId(connector: String(rest[..<dash]), task: task), properties())
        } else if let name = key.dropPrefix("commit-") {
            guard let tasks = json?["tasks"]?.int64Value else { return nil }
            self = .commit(name, tasks: Int(tasks))
        } else if let name = key.dropPrefix("target-state-") {
            guard let json else { self = .targetState(name, nil); return }
            let text = json["state.v2"]?.stringValue ?? json["state"]?.stringValue
            guard let state = text.flatMap(TargetState.init(rawValue:)) else { return nil }
            self = .targetState(name, state)
        } else if let name = key.dropPrefix("restart-connector-") {
            guard let json else { return nil }
            self = .restart(name, includeTasks: json["include-tasks"]?.boolValue ?? false,
                            onlyFailed: json["only-failed"]?.boolValue ?? false)
        } else {
            return nil
        }
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
