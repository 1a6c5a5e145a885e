import Foundation
import SamsaConnect
import SamsaProtocol
import Testing

@Suite struct WorkerConfigTests {
    /// Kafka 3.8.0's config/connect-standalone.properties, unchanged.
    static let quickStart = try! String(contentsOfFile: #filePath.replacingOccurrences(of: "SamsaConnectTests/WorkerConfigTests.swift", with: "compat/connect/connect-standalone.properties"), encoding: .utf8)

    @Test func kafkasQuickStartWorkerFileParsesWithoutWarnings() throws {
        let config = try WorkerConfig(properties: try JavaProperties.parse(Self.quickStart), distributed: false)
        #expect(config.bootstrapServers == "localhost:9092")
        #expect(config.keyConverter == "org.apache.kafka.connect.json.JsonConverter")
        #expect(config.valueConverter == "org.apache.kafka.connect.json.JsonConverter")
        #expect(config.keyConverterConfig == ["schemas.enable": "true"])
        #expect(config.valueConverterConfig == ["schemas.enable": "true"])
        #expect(config.offsetStorageFile == "/tmp/connect.offsets")
        #expect(config.offsetFlushIntervalMs == 10_000)
        #expect(config.warnings.isEmpty)
    }

    @Test func pluginPathIsAcceptedSilentlyAndUnknownKeysWarnWithKafkasSentence() throws {
        let config = try WorkerConfig(properties: [
            "key.converter": "StringConverter", "value.converter": "StringConverter", "offset.storage.file.filename": "/tmp/x",
            "plugin.path": "/usr/local/share/java", "producer.linger.ms": "7", "consumer.max.poll.records": "10",
            "offset.flush.intervl.ms": "5",
        ], distributed: false)
        #expect(config.warnings == ["The configuration 'offset.flush.intervl.ms' was supplied but isn't a known config."])
        #expect(config.producerOverrides == ["linger.ms": "7"])
        #expect(config.consumerOverrides == ["max.poll.records": "10"])
        #expect(config.offsetFlushIntervalMs == 60_000)
    }

    @Test func missingRequiredSettingsAreNamedInOneSentence() {
        #expect(throws: ConnectError.config("Missing required configurations \"key.converter\", \"offset.storage.file.filename\" which have no default value.")) {
            try WorkerConfig(properties: ["value.converter": "StringConverter"], distributed: false)
        }
        #expect(throws: ConnectError.config("Missing required configuration \"value.converter\" which has no default value.")) {
            try WorkerConfig(properties: ["key.converter": "StringConverter", "offset.storage.file.filename": "/tmp/o"], distributed: false)
        }
        #expect(throws: ConnectError.config("Invalid value soon for configuration offset.flush.interval.ms: Not a number of type LONG")) {
            try WorkerConfig(properties: ["key.converter": "A", "value.converter": "B", "offset.storage.file.filename": "/tmp/o",
                                          "offset.flush.interval.ms": "soon"], distributed: false)
        }
    }

    @Test func distributedModeRequiresItsTopicsAndGroup() {
        #expect(throws: ConnectError.config("Missing required configurations \"group.id\", \"config.storage.topic\", \"offset.storage.topic\", \"status.storage.topic\" which have no default value.")) {
            try WorkerConfig(properties: ["key.converter": "A", "value.converter": "B"], distributed: true)
        }
    }
}
