import Foundation
import SamsaEngine

extension ServerOptions {
    /// One `NAME://host:port` entry of `listeners` or `advertised.listeners`.
    struct ListenerEntry {
        var name: String
        var host: String
        var port: Int
    }

    /// Every client listener of server.properties, Kafka's way: `listeners` (controller listeners skipped),
    /// protocols from `listener.security.protocol.map` or the name itself, hosts and ports from
    /// `advertised.listeners`, `inter.broker.listener.name` checked. `--host`/`--port` set the first listener;
    /// broker i listens on each listener's port + i and advertises its advertised port + i. Without
    /// `listeners`, one PLAINTEXT listener.
    func listenerSpecs() throws -> [ListenerSpec] {
        let map = try Self.protocolMap(properties)
        let controllers = Set((properties["controller.listener.names"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).uppercased()
        })
        var entries = try Self.entries(properties["listeners"] ?? "PLAINTEXT://127.0.0.1:9092", key: "listeners")
            .filter { !controllers.contains($0.name) }
        guard !entries.isEmpty else {
            throw ServerError("listeners has no listener for clients besides those in controller.listener.names.")
        }
        if let host { entries[0].host = host }
        if let port { entries[0].port = port }
        let advertised = try Self.entries(properties["advertised.listeners"] ?? "", key: "advertised.listeners")
        for entry in advertised where !entries.contains(where: { $0.name == entry.name }) && !controllers.contains(entry.name) {
            throw ServerError("advertised.listeners names \(entry.name), but advertised.listeners listener names must be equal to "
                              + "or a subset of the ones defined in listeners.")
        }
        if let inter = properties["inter.broker.listener.name"]?.trimmingCharacters(in: .whitespaces).uppercased(), !inter.isEmpty,
           !entries.contains(where: { $0.name == inter }) {
            throw ServerError("inter.broker.listener.name must be a listener name defined in advertised.listeners; the valid options "
                              + "based on currently configured listeners are \(entries.map(\.name).joined(separator: ",")).")
        }
        var used: [Int: String] = [:]
        return try entries.map { entry in
            guard (1...65535).contains(entry.port) else { throw ServerError("Port \(entry.port) is not between 1 and 65535.") }
            guard entry.port + brokers - 1 <= 65535 else { throw ServerError("Ports \(entry.port)… run past 65535.") }
            guard let proto = map[entry.name].flatMap(SecurityProtocol.init(rawValue:)) ?? SecurityProtocol(rawValue: entry.name) else {
                if let other = map[entry.name] {
                    throw ServerError("Listener \(entry.name) maps to \(other), which is not a Kafka security protocol.")
                }
                throw ServerError("Listener \(entry.name) in listeners is neither a security protocol nor in listener.security.protocol.map.")
            }
            let ports = (0..<brokers).map { entry.port + $0 }
            for port in ports {
                if let other = used[port] {
                    throw ServerError("Each listener must have a different port, but \(other) and \(entry.name) both use port \(port).")
                }
                used[port] = entry.name
            }
            let told = advertised.first { $0.name == entry.name }
            // Advertised port 0: the bound one. Broker i advertises port + i, as it listens on port + i.
            let toldPorts = try told.flatMap { told -> [Int]? in
                guard told.port != 0 else { return nil }
                guard (1...65535).contains(told.port) && told.port + brokers - 1 <= 65535 else {
                    throw ServerError("Advertised port \(told.port) of listener \(entry.name) is not between 1 and \(65536 - brokers).")
                }
                return (0..<brokers).map { told.port + $0 }
            }
            return ListenerSpec(name: entry.name, securityProtocol: proto, host: entry.host, ports: ports,
                                advertisedHost: told?.host, advertisedPorts: toldPorts)
        }
    }

    /// `listener.security.protocol.map` (NAME:PROTOCOL,…), upper-cased.
    static func protocolMap(_ properties: [String: String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for entry in (properties["listener.security.protocol.map"] ?? "").split(separator: ",") {
            let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ServerError("listener.security.protocol.map entry \"\(entry)\" is not of the form NAME:PROTOCOL.")
            }
            map[parts[0].uppercased()] = parts[1].uppercased()
        }
        return map
    }

    /// A comma-separated list of `NAME://host:port` (an empty host means all interfaces), names unique.
    static func entries(_ text: String, key: String) throws -> [ListenerEntry] {
        var result: [ListenerEntry] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let range = item.range(of: "://"), range.lowerBound != item.startIndex else {
                throw ServerError("Listener \"\(item)\" in \(key) is not of the form NAME://host:port.")
            }
            let rest = item[range.upperBound...]
            guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else {
                throw ServerError("Listener \"\(item)\" in \(key) is not of the form NAME://host:port.")
            }
            var host = String(rest[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let name = item[..<range.lowerBound].uppercased()
            guard !result.contains(where: { $0.name == name }) else {
                throw ServerError("Each listener must have a different name, but \(name) appears twice in \(key).")
            }
            result.append(ListenerEntry(name: name, host: host.isEmpty ? "0.0.0.0" : host, port: port))
        }
        return result
    }
}
