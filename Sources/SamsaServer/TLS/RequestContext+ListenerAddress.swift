import SamsaEngine

extension RequestContext {
    /// Where a client that came in on this connection's listener reaches `broker`: the listener's advertised
    /// host (else its bind host) and advertised port (else the port this broker's listener of that name is
    /// bound to) — what Metadata, FindCoordinator and DescribeCluster answer, as Kafka answers with the
    /// request's listener.
    public func address(of broker: Broker) -> (host: String, port: Int32) {
        let listener = session.listener
        let id = Int(broker.id)
        let first = listener.name == cluster.config.listeners.first?.name
        let host = first ? broker.host : listener.advertisedHost ?? listener.host
        if let advertised = listener.advertisedPorts, advertised.indices.contains(id) { return (host, Int32(advertised[id])) }
        if first { return (host, Int32(broker.port(listener: listener.name) ?? broker.port)) }
        let configured = listener.ports.indices.contains(id) ? listener.ports[id] : broker.port
        return (host, Int32(broker.port(listener: listener.name) ?? configured))
    }
}
