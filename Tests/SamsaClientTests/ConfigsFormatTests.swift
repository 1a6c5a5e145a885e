import SamsaClient
import Testing

@Suite struct ConfigsFormatTests {
    @Test func parsesAddConfigWithBracketedLists() throws {
        let parsed = try ConfigsFormat.parseAdded("retention.ms=1000,cleanup.policy=[compact,delete], segment.ms = 5")
        #expect(parsed.map(\.name) == ["retention.ms", "cleanup.policy", "segment.ms"])
        #expect(parsed.map(\.value) == ["1000", "compact,delete", "5"])
        #expect(throws: ClientError.invalidArgument("--add-config expects key=value[,key=value…], not \"oops\".")) {
            _ = try ConfigsFormat.parseAdded("a=1,oops")
        }
        #expect(ConfigsFormat.parseDeleted("a, b,,c") == ["a", "b", "c"])
    }

    @Test func describesAsKafkaConfigsDoes() {
        let entries = [
            ConfigEntryDescription(name: "retention.ms", value: "1000", source: .dynamicTopic, synonyms: [
                .init(name: "retention.ms", value: "1000", source: .dynamicTopic),
                .init(name: "log.retention.ms", value: "5000", source: .dynamicDefaultBroker),
                .init(name: "log.retention.hours", value: "168", source: .defaultConfig),
            ]),
            ConfigEntryDescription(name: "segment.ms", value: "604800000", source: .defaultConfig),
        ]
        let dynamic = ConfigsFormat.describeLines(.topic("orders"), entries, all: false)
        #expect(dynamic == [
            "Dynamic configs for topic orders are:",
            "  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000, "
                + "DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=5000, DEFAULT_CONFIG:log.retention.hours=168}",
        ])
        let all = ConfigsFormat.describeLines(.topic("orders"), entries, all: true)
        #expect(all.first == "All configs for topic orders are:")
        #expect(all.last == "  segment.ms=604800000 sensitive=false synonyms={}")
        #expect(ConfigsFormat.describeLines(.broker(nil), [], all: false) == ["Default configs for brokers in the cluster are:"])
        #expect(ConfigsFormat.describeLines(.broker(2), [], all: false) == ["Dynamic configs for broker 2 are:"])
        #expect(ConfigsFormat.alteredLine(.topic("orders")) == "Completed updating config for topic orders.")
        #expect(ConfigsFormat.alteredLine(.broker(nil)) == "Completed updating default config for brokers in the cluster.")
    }
}
