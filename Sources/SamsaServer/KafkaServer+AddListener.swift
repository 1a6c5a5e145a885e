import SamsaEngine

extension KafkaServer {
    /// Opens one more listener on every running broker while the server runs (the workbench's security demo
    /// turns on a SASL listener this way). Its SASL and TLS settings come from the server's `sasl.*`, `ssl.*`
    /// and `listener.name.<name>.*` keys as a configured listener's do; a port of 0 (or none given for a
    /// broker) lets the system choose. Brokers that are down bind it when they start again. Returns the port
    /// each running broker bound. A name already in use, bad settings, or a failed bind throw one sentence and
    /// leave no part of the listener open.
    @discardableResult
    public func addListener(_ spec: ListenerSpec) async throws -> [Int32: Int] {
        let name = spec.name
        guard !allListeners.contains(where: { $0.name == name }) else {
            throw ServerError("A listener called \(name) already exists; choose another name.")
        }
        if spec.securityProtocol.usesSASL { try prepareSASL(spec) }
        if spec.securityProtocol.usesTLS { try prepareTLS(spec) }
        addedListeners.withLock { $0.append(spec) }
        var ports: [Int32: Int] = [:]
        do {
            for id in listeningBrokers {
                try await startListener(id)
                ports[id] = cluster.broker(id)?.port(listener: name)
            }
        } catch {
            addedListeners.withLock { $0.removeAll { $0.name == name } }
            closeListener(named: name)
            throw error
        }
        return ports
    }
}
