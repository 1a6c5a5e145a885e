/// A task's key, value and header converters: the connector's `key.converter`/`value.converter`/
/// `header.converter` with its own prefixed settings when it names one, else the worker's (Kafka's
/// `Worker.newConverter`).
struct TaskConverters: Sendable {
    var key: any Converter
    var value: any Converter
    var header: any HeaderConverter
    var keyClass: String
    var valueClass: String
    var headerClass: String

    init(worker: WorkerConfig, connector: ConnectorConfig, plugins: PluginRegistry) throws {
        func converter(_ setting: String, _ own: String?, _ ownConfig: [String: String], _ workerClass: String,
                       _ workerConfig: [String: String], isKey: Bool) throws -> (any Converter, String) {
            let name = own ?? workerClass
            guard let plugin = plugins.converter(name) else {
                throw ConnectError.config("Invalid value \(name) for configuration \(setting): Class \(name) could not be found.")
            }
            return (try plugin.make(own != nil ? ownConfig : workerConfig, isKey), plugin.className)
        }
        (key, keyClass) = try converter("key.converter", connector.keyConverter, connector.keyConverterConfig,
                                        worker.keyConverter, worker.keyConverterConfig, isKey: true)
        (value, valueClass) = try converter("value.converter", connector.valueConverter, connector.valueConverterConfig,
                                            worker.valueConverter, worker.valueConverterConfig, isKey: false)
        let headerName = connector.headerConverter ?? worker.headerConverter
        guard let plugin = plugins.headerConverter(headerName) else {
            throw ConnectError.config("Invalid value \(headerName) for configuration header.converter: Class \(headerName) could not be found.")
        }
        header = try plugin.make(connector.headerConverter != nil ? connector.headerConverterConfig : worker.headerConverterConfig)
        headerClass = plugin.className
    }
}
