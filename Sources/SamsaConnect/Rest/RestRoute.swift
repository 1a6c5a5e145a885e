import NIOHTTP1

/// The resources of Kafka Connect's REST API (`RootResource`, `ConnectorsResource`, `ConnectorPluginsResource`),
/// matched from URL-decoded path segments. A path that matches none is Jersey's 404; a known path with a
/// method it does not take is Jersey's 405.
enum RestRoute: Equatable {
    case root
    case connectors
    case connector(String)
    case connectorConfig(String)
    case connectorStatus(String)
    case connectorTasks(String)
    /// The task id as written; Jersey answers 404 when it is not an integer.
    case taskStatus(String, String)
    case taskRestart(String, String)
    case connectorRestart(String)
    case connectorPause(String)
    case connectorResume(String)
    case connectorStop(String)
    case connectorOffsets(String)
    case plugins
    case pluginValidate(String)

    init?(segments: [String]) {
        switch segments.count {
        case 0: self = .root
        case 1:
            switch segments[0] {
            case "connectors": self = .connectors
            case "connector-plugins": self = .plugins
            default: return nil
            }
        default:
            if segments[0] == "connectors" { self.init(connector: segments[1], rest: Array(segments.dropFirst(2))) }
            else if segments[0] == "connector-plugins", segments.count == 4, segments[2] == "config", segments[3] == "validate" {
                self = .pluginValidate(segments[1])
            } else { return nil }
        }
    }

    private init?(connector name: String, rest: [String]) {
        switch rest.count {
        case 0: self = .connector(name)
        case 1:
            switch rest[0] {
            case "config": self = .connectorConfig(name)
            case "status": self = .connectorStatus(name)
            case "tasks": self = .connectorTasks(name)
            case "restart": self = .connectorRestart(name)
            case "pause": self = .connectorPause(name)
            case "resume": self = .connectorResume(name)
            case "stop": self = .connectorStop(name)
            case "offsets": self = .connectorOffsets(name)
            default: return nil
            }
        case 3 where rest[0] == "tasks" && rest[2] == "status": self = .taskStatus(name, rest[1])
        case 3 where rest[0] == "tasks" && rest[2] == "restart": self = .taskRestart(name, rest[1])
        default: return nil
        }
    }

    /// The methods Kafka's resource declares for this path.
    var methods: [HTTPMethod] {
        switch self {
        case .root, .connectorStatus, .connectorTasks, .taskStatus, .connectorOffsets, .plugins: [.GET]
        case .connectors: [.GET, .POST]
        case .connector: [.GET, .DELETE]
        case .connectorConfig: [.GET, .PUT]
        case .taskRestart, .connectorRestart: [.POST]
        case .connectorPause, .connectorResume, .connectorStop, .pluginValidate: [.PUT]
        }
    }

    /// `ConnectorsResource` and `ConnectorPluginsResource` are `@Consumes(application/json)`; `RootResource` is not.
    var consumesJSON: Bool { self != .root }
}
