import Foundation
import SamsaProtocol

/// A connector file given on `connect-standalone`'s command line, read as Kafka 3.8's `ConnectStandalone`
/// does: a JSON object of strings, else a JSON `{"name", "config", "initial_state"}` request, else Java properties.
public struct ConnectorConfigFile: Sendable, Equatable {
    public var name: String
    public var config: [String: String]
    /// KIP-980's `initial_state` (`RUNNING`, `PAUSED`, `STOPPED`), when the JSON request gives one.
    public var initialState: TargetState?

    public init(name: String, config: [String: String], initialState: TargetState? = nil) {
        self.name = name
        self.config = config
        self.initialState = initialState
    }

    /// Reads a file; a missing file, bad JSON or a missing `name` is one sentence.
    public static func load(_ path: String) throws -> ConnectorConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectError.config("Cannot read the connector configuration file '\(path)'.")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws -> ConnectorConfigFile {
        let missingName = ConnectError.config("Connector configuration at '\(path)' is missing the mandatory 'name' configuration")
        if let json = try? JSONValue.parse(Array(data)), json.objectValue != nil {
            // Jackson binds Map<String, String> first (scalars coerced to strings), then a create request.
            if let flat = json.stringDictionary {
                guard let name = flat["name"] else { throw missingName }
                return ConnectorConfigFile(name: name, config: flat)
            }
            if let name = json["name"]?.stringValue, var config = json["config"]?.stringDictionary {
                if let inner = config["name"], inner != name {
                    throw ConnectError.config("Connector name configuration in 'config' doesn't match the one specified in 'name' at '\(path)'")
                }
                config["name"] = name
                var state: TargetState?
                if let initial = json["initial_state"]?.stringValue {
                    switch initial.uppercased() {
                    case "RUNNING": state = .started
                    case "PAUSED": state = .paused
                    case "STOPPED": state = .stopped
                    default: throw ConnectError.config("Invalid initial_state '\(initial)' at '\(path)': use RUNNING, PAUSED or STOPPED.")
                    }
                }
                return ConnectorConfigFile(name: name, config: config, initialState: state)
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            throw ConnectError.config("Connector configuration at '\(path)' is neither a JSON object of strings nor a {\"name\", \"config\"} request.")
        }
        let props: [String: String]
        do {
            props = try JavaProperties.parse(text)
        } catch {
            throw ConnectError.config("Connector configuration at '\(path)' is not a properties file: \(error)")
        }
        guard let name = props["name"] else { throw missingName }
        return ConnectorConfigFile(name: name, config: props)
    }
}
