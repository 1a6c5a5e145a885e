import SamsaClient

extension WorkerConfig {
    /// `security.protocol`, `ssl.*`, `sasl.*` for the worker's own clients, and for its tasks' producers,
    /// consumers and admin clients with the `producer.`/`consumer.`/`admin.` prefixed keys laid over them, as
    /// Kafka Connect passes them on.
    mutating func parseSecurity(_ properties: [String: String]) throws {
        func resolve(_ prefix: String?) throws -> ClientSecurity {
            var keys = properties.filter { ClientSecurity.propertyNames.contains($0.key) }
            if let prefix {
                for (key, value) in properties where key.hasPrefix(prefix) {
                    let rest = String(key.dropFirst(prefix.count))
                    if ClientSecurity.propertyNames.contains(rest) { keys[rest] = value }
                }
            }
            do {
                return try ClientSecurity.parse(keys).security
            } catch let error as ClientError {
                throw ConnectError.config(error.description)
            }
        }
        self.security = try resolve(nil)
        producerSecurity = try resolve("producer.")
        consumerSecurity = try resolve("consumer.")
        adminSecurity = try resolve("admin.")
    }

    /// One client's settings, with `security` (the worker's by default).
    public func clientConfig(clientId: String, security: ClientSecurity? = nil) throws -> ClientConfig {
        var config = try ClientConfig(bootstrap: bootstrapServers, clientId: clientId)
        config.security = security ?? self.security
        return config
    }
}
