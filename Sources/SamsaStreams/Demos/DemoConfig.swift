import SamsaClient

/// A demo application's StreamsConfig: its default application id and properties (Kafka's demos'
/// `putIfAbsent`), then the properties file (`--config`, Kafka's properties), then the command-line flags, each
/// overriding the one before, as a Kafka Streams application that sets its Properties in code over a loaded file.
public enum DemoConfig {
    public static func make(applicationId: String, defaults: [String: String] = [:], file: [String: String] = [:],
                            flags: [String: String] = [:]) throws -> (config: StreamsConfig, warnings: [String]) {
        var config = StreamsConfig(applicationId: applicationId)
        var warnings = try config.apply(defaults)
        warnings += try config.apply(file)
        warnings += try config.apply(flags)
        return (config, warnings)
    }
}
