extension Controller {
    /// The dynamic configs of a broker entity: a broker id, or "" for the cluster-wide default.
    public func brokerConfigs(_ entity: String) -> [String: String] {
        snapshot().brokerConfigs?[entity] ?? [:]
    }

    /// Static settings under the dynamic cluster default (what the controller itself decides with).
    public var clusterDefaultSettings: BrokerSettings {
        settings.layered(dynamicDefault: brokerConfigs(""))
    }

    /// The settings broker `id` runs with: static, under the cluster default, under its own dynamic configs.
    public func settings(forBroker id: Int32) -> BrokerSettings {
        let all = snapshot().brokerConfigs ?? [:]
        return settings.layered(dynamicDefault: all[""] ?? [:], dynamicBroker: all["\(id)"] ?? [:])
    }

    /// Replaces the dynamic configs of a broker entity and persists them.
    func setBrokerConfigs(_ entity: String, _ configs: [String: String]) throws {
        try mutateMetadata { metadata in
            var all = metadata.brokerConfigs ?? [:]
            all[entity] = configs.isEmpty ? nil : configs
            metadata.brokerConfigs = all.isEmpty ? nil : all
        }
    }
}
