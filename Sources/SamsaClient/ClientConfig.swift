import NIOCore

/// Settings shared by every client of a cluster.
public struct ClientConfig: Sendable {
    public var bootstrapServers: [BrokerAddress]
    public var clientId: String
    public var requestTimeout: TimeAmount
    public var connectTimeout: TimeAmount
    /// Metadata older than this is refreshed before use.
    public var metadataMaxAge: TimeAmount
    /// TLS and SASL (`security.protocol`, `ssl.*`, `sasl.*`); plaintext by default.
    public var security: ClientSecurity = .plaintext

    public init(bootstrapServers: [BrokerAddress], clientId: String = "samsa", requestTimeout: TimeAmount = .seconds(30),
                connectTimeout: TimeAmount = .seconds(10), metadataMaxAge: TimeAmount = .minutes(5)) {
        self.bootstrapServers = bootstrapServers
        self.clientId = clientId
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.metadataMaxAge = metadataMaxAge
    }

    /// From a `--bootstrap-server` value such as "localhost:9092,localhost:9093".
    public init(bootstrap: String, clientId: String = "samsa") throws {
        self.init(bootstrapServers: try BrokerAddress.parseList(bootstrap), clientId: clientId)
    }
}
