/// Kafka's security protocols, as `listeners` and `listener.security.protocol.map` name them.
public enum SecurityProtocol: String, Sendable, CaseIterable {
    case plaintext = "PLAINTEXT"
    case ssl = "SSL"
    case saslPlaintext = "SASL_PLAINTEXT"
    case saslSsl = "SASL_SSL"

    public var usesTLS: Bool { self == .ssl || self == .saslSsl }
    public var usesSASL: Bool { self == .saslPlaintext || self == .saslSsl }
}

/// One listener of every broker (`listeners=NAME://host:port`): broker i listens on `ports[i]`, and
/// Metadata tells a client that came in on this listener the addresses of this same listener.
public struct ListenerSpec: Sendable, Equatable {
    /// Upper-case listener name, e.g. PLAINTEXT, SASL_SSL, or a name from listener.security.protocol.map.
    public var name: String
    public var securityProtocol: SecurityProtocol
    /// Address to bind.
    public var host: String
    /// One port per broker (0: any free port).
    public var ports: [Int]
    /// Address given to clients in metadata (`advertised.listeners`); nil means `host`.
    public var advertisedHost: String?
    /// Port given to clients in metadata per broker (`advertised.listeners`); nil means the bound port.
    public var advertisedPorts: [Int]?

    public init(name: String, securityProtocol: SecurityProtocol, host: String, ports: [Int], advertisedHost: String? = nil,
                advertisedPorts: [Int]? = nil) {
        self.name = name
        self.securityProtocol = securityProtocol
        self.host = host
        self.ports = ports
        self.advertisedHost = advertisedHost
        self.advertisedPorts = advertisedPorts
    }
}
