extension PluginRegistry {
    /// FileStreamSource/Sink (Kafka's), the generator source and the SQLite sink/source.
    static let builtinConnectors: [ConnectorPlugin] = [
        ConnectorPlugin(className: FileStreamSourceConnector.className, type: .source, version: kafkaVersion) { FileStreamSourceConnector() },
        ConnectorPlugin(className: FileStreamSinkConnector.className, type: .sink, version: kafkaVersion) { FileStreamSinkConnector() },
    ]
}
