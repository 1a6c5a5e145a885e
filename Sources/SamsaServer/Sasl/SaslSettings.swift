import Foundation
import SamsaEngine

/// How one SASL listener authenticates, from Kafka's keys in `ClusterConfig.securityProperties`; each key may
/// be overridden per listener as `listener.name.<lowercase listener>.<key>`, as in Kafka.
///
/// - `sasl.enabled.mechanisms`: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512. Kafka's default is GSSAPI, which samsa
///   does not serve; unset, samsa enables SCRAM-SHA-256 and SCRAM-SHA-512, and PLAIN first when a JAAS entry
///   lists PLAIN users.
/// - PLAIN's users: `user_<name>="<password>"` options of the JAAS entry in
///   `listener.name.<l>.plain.sasl.jaas.config`, else `plain.sasl.jaas.config`. As Kafka, a broker ignores a
///   `sasl.jaas.config` without the mechanism's prefix (in a Kafka file it is the broker's own client login).
/// - `connections.max.reauth.ms` (KIP-368; 0: sessions never expire) and
///   `connection.failed.authentication.delay.ms` (default 100).
struct SaslSettings: Sendable, Equatable {
    static let supported = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]

    var mechanisms: [String]
    var plainUsers: [String: String]
    var reauthMs: Int64
    var failedAuthenticationDelayMs: Int64

    init(properties: [String: String], listener: String) throws {
        let prefix = "listener.name.\(listener.lowercased())."
        func value(_ key: String) -> String? { properties[prefix + key] ?? properties[key] }
        func milliseconds(_ key: String, default fallback: Int64) throws -> Int64 {
            guard let text = value(key) else { return fallback }
            guard let number = Int64(text.trimmingCharacters(in: .whitespaces)), number >= 0 else {
                throw ServerError("\(key) must be a number of milliseconds of at least 0, not \"\(text)\".")
            }
            return number
        }
        let jaasKeys = [prefix + "plain.sasl.jaas.config", "plain.sasl.jaas.config"]
        let jaas = try jaasKeys.lazy.compactMap { key in try properties[key].map { try JaasConfig(parsing: $0, key: key) } }.first
        let users = jaas?.plainUsers ?? [:]
        if let text = value("sasl.enabled.mechanisms") {
            mechanisms = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            guard !mechanisms.isEmpty else {
                throw ServerError("sasl.enabled.mechanisms is empty for SASL listener \(listener); enable PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
            }
            for mechanism in mechanisms where !Self.supported.contains(mechanism) {
                throw ServerError("SASL mechanism \(mechanism) in sasl.enabled.mechanisms is not served by samsa; use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
            }
        } else {
            mechanisms = (users.isEmpty ? [] : ["PLAIN"]) + ["SCRAM-SHA-256", "SCRAM-SHA-512"]
        }
        if mechanisms.contains("PLAIN") && users.isEmpty {
            throw ServerError("SASL mechanism PLAIN is enabled on listener \(listener) but no JAAS entry lists its users; set "
                              + "\(prefix)plain.sasl.jaas.config (a broker ignores sasl.jaas.config without the plain. prefix, as Kafka) "
                              + "to a PlainLoginModule line with user_<name>=\"<password>\" options.")
        }
        plainUsers = users
        reauthMs = try milliseconds("connections.max.reauth.ms", default: 0)
        failedAuthenticationDelayMs = try milliseconds("connection.failed.authentication.delay.ms", default: 100)
    }
}
