extension PluginRegistry {
    /// FileStreamSource/Sink (Kafka's), the generator source and the SQLite sink/source.
    static let builtinConnectors: [ConnectorPlugin] = [
        ConnectorPlugin(className: FileStreamSourceConnector.className, type: .source, version: kafkaVersion) { FileStreamSourceConnector() },
        ConnectorPlugin(className: FileStreamSinkConnector.className, type: .sink, version: kafkaVersion) { FileStreamSinkConnector() },
        ConnectorPlugin(className: GeneratorSourceConnector.className, type: .source, version: kafkaVersion) { GeneratorSourceConnector() },
        // Datagen's class name, so `connector.class=io.confluent.kafka.connect.datagen.DatagenConnector` (or `DatagenConnector`) runs the generator.
        ConnectorPlugin(className: GeneratorSourceConnector.datagenClassName, type: .source, version: kafkaVersion) { GeneratorSourceConnector() },
        ConnectorPlugin(className: SqliteSinkConnector.className, type: .sink, version: kafkaVersion) { SqliteSinkConnector() },
        ConnectorPlugin(className: SqliteSourceConnector.className, type: .source, version: kafkaVersion) { SqliteSourceConnector() },
    ]
}
