extension PluginRegistry {
    /// FileStreamSource/Sink (Kafka's), the generator source and the SQLite sink/source.
    static let builtinConnectors: [ConnectorPlugin] = []
}
