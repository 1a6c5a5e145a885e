import Foundation

extension ServerOptions {
    /// Kafka's security protocols. Samsa serves PLAINTEXT only (TLS and SASL are issue 14).
    static let securityProtocols: Set<String> = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]

    /// Refuses, in one sentence, a server.properties whose `listeners` or `advertised.listeners` would need a
    /// security protocol other than PLAINTEXT: a listener named SSL, SASL_PLAINTEXT or SASL_SSL, or a name
    /// that `listener.security.protocol.map` maps to one. A client told nothing would otherwise speak TLS or
    /// SASL to a plaintext port. Names unknown to both are refused as Kafka refuses them.
    static func checkListenerProtocols(_ properties: [String: String]) throws {
        var map: [String: String] = [:]
        if let text = properties["listener.security.protocol.map"] {
            for entry in text.split(separator: ",") {
                let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ServerError("listener.security.protocol.map entry \"\(entry)\" is not of the form NAME:PROTOCOL.")
                }
                map[parts[0].uppercased()] = parts[1].uppercased()
            }
        }
        for key in ["listeners", "advertised.listeners"] {
            guard let text = properties[key] else { continue }
            for listener in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !listener.isEmpty {
                guard let range = listener.range(of: "://") else { continue }
                let name = listener[..<range.lowerBound].uppercased()
                guard let proto = map[name] ?? (securityProtocols.contains(name) ? name : nil) else {
                    throw ServerError("Listener \(listener) in \(key) names \(name), which is neither a security protocol nor in "
                                      + "listener.security.protocol.map.")
                }
                guard securityProtocols.contains(proto) else {
                    throw ServerError("Listener \(listener) in \(key) maps to \(proto), which is not a Kafka security protocol.")
                }
                guard proto == "PLAINTEXT" else {
                    throw ServerError("Listener \(listener) in \(key) uses \(proto), but samsa serves only PLAINTEXT listeners so far; "
                                      + "use PLAINTEXT://host:port.")
                }
            }
        }
    }

    /// The listener clients use: the first one of `listeners` that is not a controller listener
    /// (`controller.listener.names`, as in Kafka's KRaft server.properties).
    static func clientListener(_ properties: [String: String]) -> String? {
        guard let text = properties["listeners"] else { return nil }
        let controllers = Set((properties["controller.listener.names"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).uppercased()
        })
        let all = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let client = all.first { listener in
            guard let range = listener.range(of: "://") else { return true }
            return !controllers.contains(listener[..<range.lowerBound].uppercased())
        }
        return client ?? all.first
    }
}
