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

    public init(dataDirectory: String, host: String = "127.0.0.1", advertisedHost: String? = nil,
                ports: [Int] = [9092], settings: BrokerSettings = BrokerSettings()) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.advertisedHost = advertisedHost
        self.ports = ports
        self.settings = settings
    }

    public var brokerCount: Int { ports.count }

    func brokerDirectory(_ id: Int32) -> String {
        brokerCount == 1 ? dataDirectory : "\(dataDirectory)/broker-\(id)"
    }
}
