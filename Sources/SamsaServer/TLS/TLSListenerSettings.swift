import Foundation
import NIOSSL
import SamsaEngine

/// One TLS listener's `ssl.*` settings, Kafka's names, each read from `listener.name.<name>.ssl.*` first and
/// the global `ssl.*` otherwise, turned into a NIOSSL server context. Every problem is one sentence that names
/// the listener and the property, raised at start so a broker never serves a listener it cannot secure.
struct TLSListenerSettings {
    let listener: String
    let securityProtocol: SecurityProtocol
    let properties: [String: String]

    init(listener: ListenerSpec, properties: [String: String]) {
        self.listener = listener.name
        securityProtocol = listener.securityProtocol
        self.properties = properties
    }

    /// `ssl.client.auth`: on a SASL_SSL listener only the listener's own key counts, as Kafka (ChannelBuilders),
    /// so a global `ssl.client.auth=required` meant for SSL listeners does not refuse SASL clients.
    var clientAuth: String {
        let key = "ssl.client.auth"
        let text = securityProtocol == .saslSsl ? properties["listener.name.\(listener.lowercased()).\(key)"] : value(key)
        return text?.trimmingCharacters(in: .whitespaces).lowercased() ?? "none"
    }

    /// `listener.name.<lower-case name>.<key>`, else `<key>`.
    func value(_ key: String) -> String? {
        let text = properties["listener.name.\(listener.lowercased()).\(key)"] ?? properties[key]
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    func list(_ key: String) -> [String] {
        (value(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func problem(_ sentence: String) -> ServerError { ServerError("Listener \(listener): \(sentence)") }

    /// The server context: certificate and key, trust roots for client certificates, client auth, versions.
    func makeContext() throws -> NIOSSLContext {
        let identity = try loadKeystore()
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: identity.chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(identity.key))
        switch clientAuth {
        case "required": configuration.certificateVerification = .noHostnameVerification
        case "requested": configuration.certificateVerification = .optionalVerification
        case "none": break  // the server configuration's default: no client certificate asked for
        case let other: throw problem("ssl.client.auth is \(other), but it must be required, requested or none.")
        }
        if let roots = try loadTruststore() { configuration.trustRoots = .certificates(roots) }
        let (minimum, maximum) = try versions()
        configuration.minimumTLSVersion = minimum
        configuration.maximumTLSVersion = maximum
        try applyCipherSuites(to: &configuration)
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            // Tell a key that does not fit its certificate apart from the other settings' problems.
            let bare = TLSConfiguration.makeServerConfiguration(certificateChain: identity.chain.map { .certificate($0) },
                                                                privateKey: .privateKey(identity.key))
            if (try? NIOSSLContext(configuration: bare)) == nil {
                throw problem("the certificate in \(identity.source) does not match its private key (\(error)).")
            }
            throw problem("the trust store, protocol or cipher settings cannot be used together (\(error)).")
        }
    }

    /// `ssl.enabled.protocols` (else `ssl.protocol`; TLS names as Java's): the lowest and highest version allowed.
    func versions() throws -> (TLSVersion, TLSVersion) {
        var names = list("ssl.enabled.protocols")
        if names.isEmpty, let single = value("ssl.protocol"), single != "TLS" { names = [single] }
        if names.isEmpty { return (.tlsv12, .tlsv13) }
        let known: [String: TLSVersion] = ["TLSv1.2": .tlsv12, "TLSv1.3": .tlsv13, "TLSv1.1": .tlsv11, "TLSv1": .tlsv1]
        let order: [TLSVersion] = [.tlsv1, .tlsv11, .tlsv12, .tlsv13]
        let versions = try names.map { name -> TLSVersion in
            guard let version = known[name] else {
                throw problem("ssl.enabled.protocols names \(name), which is not one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.")
            }
            return version
        }
        let indexes = versions.compactMap { order.firstIndex(of: $0) }
        return (order[indexes.min()!], order[indexes.max()!])
    }
}
