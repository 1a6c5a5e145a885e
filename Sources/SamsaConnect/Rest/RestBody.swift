import Foundation

/// A request body Kafka's Jackson provider could not read: Kafka answers these 500 (its exception mapper
/// sees no `WebApplicationException`), with Jackson's sentence as the message.
struct RestBodyError: Error, Sendable {
    var status: Int
    var message: String
}

/// Reading request bodies as Kafka's entity classes are read: JSON objects of strings (Jackson coerces
/// numbers and booleans to their text), `CreateConnectorRequest` with its three known properties.
enum RestBody {
    static let createRequestClass = "org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest"

    struct CreateRequest {
        var name: String
        var config: [String: String]
        /// `RUNNING`, `PAUSED`, `STOPPED` or nil.
        var initialState: String?
    }

    static func parse(_ body: [UInt8]) throws -> JSONValue {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw RestBodyError(status: 500, message: "No content to map due to end-of-input")
        }
        do {
            return try JSONValue.parse(body)
        } catch {
            throw RestBodyError(status: 500, message: error.description)
        }
    }

    /// A `Map<String, String>`: scalars as their text; a JSON null is refused as Kafka's validation does.
    static func stringMap(_ json: JSONValue) throws -> [String: String] {
        guard case .object(let object) = json else {
            throw cannotDeserialize("java.util.LinkedHashMap<java.lang.String,java.lang.String>", from: json)
        }
        var map: [String: String] = [:]
        var nullKeys = 0
        for (key, value) in object {
            if value.isNull { nullKeys += 1; continue }
            map[key] = try scalarText(value)
        }
        if nullKeys > 0 {
            throw ConnectError.badRequest(ConnectorConfig.invalidSentence(Array(
                repeating: "Null value can not be supplied as the configuration value.", count: nullKeys)))
        }
        return map
    }

    static func createRequest(_ json: JSONValue) throws -> CreateRequest {
        guard case .object(let object) = json else { throw cannotDeserialize(createRequestClass, from: json) }
        for key in object.keys where !["name", "config", "initial_state"].contains(key) {
            throw RestBodyError(status: 500, message: "Unrecognized field \"\(key)\" (class \(createRequestClass)), not marked as ignorable (3 known properties: \"name\", \"config\", \"initial_state\"])")
        }
        let name = try object["name"].flatMap { $0.isNull ? nil : try scalarText($0) } ?? ""
        let config = try object["config"].flatMap { $0.isNull ? nil : try stringMap($0) } ?? [:]
        var state: String?
        if let raw = object["initial_state"], !raw.isNull {
            let text = try scalarText(raw).uppercased()
            guard ["RUNNING", "PAUSED", "STOPPED"].contains(text) else {
                throw RestBodyError(status: 500, message: "Cannot construct instance of `\(createRequestClass)$InitialState`, problem: No enum constant \(createRequestClass).InitialState.\(text)")
            }
            state = text
        }
        return CreateRequest(name: name.trimmingCharacters(in: .whitespaces), config: config, initialState: state)
    }

    /// Kafka's `checkAndPutConnectorConfigName`: a `name` in the config must be the URL's; a missing one is added.
    static func checkAndPutName(_ name: String, into config: inout [String: String]) throws {
        if let included = config["name"] {
            guard included == name else {
                throw ConnectError.badRequest("Connector name configuration (\(included)) doesn't match connector name in the URL (\(name))")
            }
        } else {
            config["name"] = name
        }
    }

    /// `config/validate`: an included `connector.class` must name the plugin of the URL (full or alias).
    static func checkConnectorClass(_ config: [String: String], matches plugin: String) throws {
        guard let included = config["connector.class"] else { return }
        func normalized(_ name: String) -> String {
            name.hasSuffix("Connector") && name.count > "Connector".count ? String(name.dropLast("Connector".count)) : name
        }
        if !normalized(included).hasSuffix(normalized(plugin)) {
            throw ConnectError.badRequest("Included connector type \(included) does not match request type \(plugin)")
        }
    }

    private static func scalarText(_ value: JSONValue) throws -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .integer, .double, .float, .number: return value.compactString
        default: throw cannotDeserialize("java.lang.String", from: value)
        }
    }

    /// Jackson's `MismatchedInputException` sentence.
    private static func cannotDeserialize(_ type: String, from value: JSONValue) -> RestBodyError {
        let (kind, token): (String, String) = switch value {
        case .object: ("Object value", "START_OBJECT")
        case .array: ("Array value", "START_ARRAY")
        case .string: ("String value", "VALUE_STRING")
        case .bool(let b): ("Boolean value", b ? "VALUE_TRUE" : "VALUE_FALSE")
        case .null: ("Null value", "VALUE_NULL")
        case .integer, .number: ("Integer value", "VALUE_NUMBER_INT")
        case .double, .float: ("Floating-point value", "VALUE_NUMBER_FLOAT")
        }
        return RestBodyError(status: 500, message: "Cannot deserialize value of type `\(type)` from \(kind) (token `JsonToken.\(token)`)")
    }
}
