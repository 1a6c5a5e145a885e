import SamsaEngine

extension RequestContext {
    /// Where a client that came in on this connection's listener reaches `broker`: the listener's advertised
    /// host (else its bind host) and the port this broker's listener of that name is bound to — what Metadata,
    /// FindCoordinator and DescribeCluster answer, as Kafka answers with the request's listener.
    public func address(of broker: Broker) -> (host: String, port: Int32) {
        let listener = session.listener
        if listener.name == cluster.config.listeners.first?.name {
            return (broker.host, Int32(broker.port(listener: listener.name) ?? broker.port))
        }
        let configured = listener.ports.indices.contains(Int(broker.id)) ? listener.ports[Int(broker.id)] : broker.port
        return (listener.advertisedHost ?? listener.host, Int32(broker.port(listener: listener.name) ?? configured))
    }
}
