/// How to lay out and run the embedded cluster.
public struct ClusterConfig: Sendable {
    /// Root of all data. With one broker, partition directories sit directly in it (Kafka's layout);
    /// with several, each broker gets `broker-<id>/`.
    public var dataDirectory: String
    /// Address the listeners bind to.
    public var host: String
    /// Address given to clients in metadata (defaults to `host`).
    public var advertisedHost: String?
    /// One listener port per broker; broker ids are 0, 1, 2, … in this order.
    public var ports: [Int]
    public var settings: BrokerSettings
    /// Every listener of every broker. The first is the one `host`, `advertisedHost` and `ports` describe
    /// (the workbench's own clients and `Broker.port` use it).
    public var listeners: [ListenerSpec]
    /// Kafka's security keys as server.properties gave them (`ssl.*`, `sasl.*`, `listener.name.*`,
    /// `super.users`, `authorizer.class.name`, …), read by the listeners, SASL and the authorizer.
    public var securityProperties: [String: String]

    public init(dataDirectory: String, host: String = "127.0.0.1", advertisedHost: String? = nil,
                ports: [Int] = [9092], settings: BrokerSettings = BrokerSettings(), listeners: [ListenerSpec]? = nil,
                securityProperties: [String: String] = [:]) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.advertisedHost = advertisedHost
        self.ports = ports
        self.settings = settings
        self.listeners = listeners ?? [ListenerSpec(name: "PLAINTEXT", securityProtocol: .plaintext, host: host, ports: ports,
                                                    advertisedHost: advertisedHost)]
        self.securityProperties = securityProperties
    }

    public var brokerCount: Int { ports.count }

    func brokerDirectory(_ id: Int32) -> String {
        brokerCount == 1 ? dataDirectory : "\(dataDirectory)/broker-\(id)"
    }
}
