/// The shapes Kafka Connect's REST API answers with (field names in comments are the JSON keys).

/// `{"connector": name, "task": id}`.
public struct ConnectorTaskId: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var connector: String
    public var task: Int

    public init(connector: String, task: Int) {
        self.connector = connector
        self.task = task
    }

    public static func < (a: ConnectorTaskId, b: ConnectorTaskId) -> Bool {
        (a.connector, a.task) < (b.connector, b.task)
    }

    public var description: String { "\(connector)-\(task)" }
}

/// `GET /connectors/{name}`: `{"name", "config", "tasks": [ConnectorTaskId], "type"}`.
public struct ConnectorInfo: Sendable, Hashable {
    public var name: String
    public var config: [String: String]
    public var tasks: [ConnectorTaskId]
    public var type: ConnectorType

    public init(name: String, config: [String: String], tasks: [ConnectorTaskId], type: ConnectorType) {
        self.name = name
        self.config = config
        self.tasks = tasks
        self.type = type
    }
}

/// Kafka's `AbstractStatus.State` names.
public enum ConnectState: String, Sendable, Hashable {
    case unassigned = "UNASSIGNED", running = "RUNNING", paused = "PAUSED", failed = "FAILED",
         restarting = "RESTARTING", stopped = "STOPPED", destroyed = "DESTROYED"
}

/// What a connector is asked to be (Kafka's `TargetState`, kept in the config topic as `target-state-<name>`).
public enum TargetState: String, Sendable, Hashable {
    case started = "STARTED", paused = "PAUSED", stopped = "STOPPED"
}

/// `GET /connectors/{name}/status`: `{"name", "connector": {"state", "worker_id", "trace"?}, "tasks": [{"id", "state", "worker_id", "trace"?}], "type"}`.
public struct ConnectorStateInfo: Sendable, Hashable {
    public struct ConnectorState: Sendable, Hashable {
        public var state: ConnectState
        public var workerId: String
        public var trace: String?
        public init(state: ConnectState, workerId: String, trace: String? = nil) {
            self.state = state
            self.workerId = workerId
            self.trace = trace
        }
    }

    public struct TaskState: Sendable, Hashable {
        public var id: Int
        public var state: ConnectState
        public var workerId: String
        public var trace: String?
        public init(id: Int, state: ConnectState, workerId: String, trace: String? = nil) {
            self.id = id
            self.state = state
            self.workerId = workerId
            self.trace = trace
        }
    }

    public var name: String
    public var connector: ConnectorState
    public var tasks: [TaskState]
    public var type: ConnectorType

    public init(name: String, connector: ConnectorState, tasks: [TaskState], type: ConnectorType) {
        self.name = name
        self.connector = connector
        self.tasks = tasks
        self.type = type
    }
}

/// `GET /connectors/{name}/tasks` items: `{"id": ConnectorTaskId, "config": {...}}`.
public struct TaskInfo: Sendable, Hashable {
    public var id: ConnectorTaskId
    public var config: [String: String]
    public init(id: ConnectorTaskId, config: [String: String]) {
        self.id = id
        self.config = config
    }
}

/// `GET /connectors/{name}/offsets` items: `{"partition": {...}, "offset": {...}}`. Sink connectors'
/// partitions are `{"kafka_topic", "kafka_partition"}` and offsets `{"kafka_offset"}`, as Kafka's.
public struct ConnectorOffset: Sendable, Hashable {
    public var partition: SourceMap
    public var offset: SourceMap
    public init(partition: SourceMap, offset: SourceMap) {
        self.partition = partition
        self.offset = offset
    }
}

/// `GET /connector-plugins` items: `{"class", "type", "version"}`.
public struct PluginDescriptor: Sendable, Hashable {
    /// Kafka's `PluginType` names as the REST API writes them.
    public enum Kind: String, Sendable, Hashable {
        case source, sink, converter, headerConverter = "header_converter", transformation, predicate
    }
    public var className: String
    public var kind: Kind
    public var version: String
    public init(className: String, kind: Kind, version: String) {
        self.className = className
        self.kind = kind
        self.version = version
    }
}

/// `PUT /connector-plugins/{plugin}/config/validate`: `{"name", "error_count", "groups", "configs": [{"definition": {...}, "value": {"name", "value", "recommended_values", "errors", "visible"}}]}`.
public struct ConfigInfos: Sendable {
    public struct Value: Sendable {
        public var name: String
        public var value: String?
        public var recommendedValues: [String]
        public var errors: [String]
        public var visible: Bool
        public init(name: String, value: String?, recommendedValues: [String] = [], errors: [String], visible: Bool = true) {
            self.name = name
            self.value = value
            self.recommendedValues = recommendedValues
            self.errors = errors
            self.visible = visible
        }
    }

    public var name: String
    public var errorCount: Int
    public var groups: [String]
    public var configs: [(definition: ConfigDef.Key, value: Value)]

    public init(name: String, errorCount: Int, groups: [String], configs: [(definition: ConfigDef.Key, value: Value)]) {
        self.name = name
        self.errorCount = errorCount
        self.groups = groups
        self.configs = configs
    }
}

/// `GET /`: `{"version", "commit", "kafka_cluster_id"}`.
public struct ServerInfo: Sendable, Hashable {
    public var version: String
    public var commit: String
    public var kafkaClusterId: String
    public init(version: String, commit: String, kafkaClusterId: String) {
        self.version = version
        self.commit = commit
        self.kafkaClusterId = kafkaClusterId
    }
}
