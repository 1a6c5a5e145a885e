import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct PartitionerTests {
    /// Reference values from Kafka's own UtilsTest.testMurmur2.
    @Test func murmur2MatchesJavaClient() {
        let cases: [(String, Int32)] = [
            ("21", -973_932_308), ("foobar", -790_332_482), ("a-little-bit-long-string", -985_981_536),
            ("a-little-bit-longer-string", -1_486_304_829), ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
            ("abc", 479_470_107),
        ]
        for (key, expected) in cases { #expect(Partitioner.murmur2(Array(key.utf8)) == expected, "\(key)") }
    }

    @Test func partitionIsStableAndInRange() {
        for count in [1, 3, 6, 50] {
            let p = Partitioner.partition(forKey: Array("user-42".utf8), count: count)
            #expect(p >= 0 && Int(p) < count)
            #expect(p == Partitioner.partition(forKey: Array("user-42".utf8), count: count))
        }
    }
}

@Suite struct FormatterTests {
    func record(key: String?, value: String?, headers: [RecordHeader] = []) -> ConsumerRecord {
        ConsumerRecord(topic: "t", partition: 2, offset: 7, timestamp: 1_700_000_000_000, timestampType: .createTime,
                       key: key.map { ByteBuffer(string: $0) }, value: value.map { ByteBuffer(string: $0) }, headers: headers,
                       leaderEpoch: 0)
    }

    @Test func defaultPrintsOnlyTheValue() throws {
        #expect(try MessageFormatter().format(record(key: "k", value: "v")) == "v\n")
        #expect(try MessageFormatter().format(record(key: "k", value: nil)) == "null\n")
    }

    @Test func printsFieldsInKafkaOrder() throws {
        let formatter = try MessageFormatter(properties: [
            "print.key": "true", "print.offset": "true", "print.partition": "true", "print.timestamp": "true",
            "print.headers": "true", "key.separator": ":",
        ])
        let line = try formatter.format(record(key: "k", value: "v", headers: [RecordHeader(key: "h", value: ByteBuffer(string: "1"))]))
        #expect(line == "CreateTime:1700000000000:Partition:2:Offset:7:h:1:k:v\n")
        #expect(try formatter.format(record(key: nil, value: "v")).contains("NO_HEADERS:null:v"))
    }

    @Test func rejectsUnknownProperties() {
        #expect(throws: ClientError.self) { try MessageFormatter(properties: ["print.everything": "true"]) }
    }
}

@Suite struct LineReaderTests {
    @Test func wholeLineIsTheValue() throws {
        let record = try LineReader().record(topic: "t", line: "Hello world")
        #expect(record.key == nil && record.value == ByteBuffer(string: "Hello world"))
    }

    @Test func parsesKeysAtTheFirstSeparator() throws {
        let reader = try LineReader(properties: ["parse.key": "true", "key.separator": ":"])
        let record = try reader.record(topic: "t", line: "user-1:hello:world")
        #expect(record.key == ByteBuffer(string: "user-1"))
        #expect(record.value == ByteBuffer(string: "hello:world"))
        #expect(throws: ClientError.self) { try reader.record(topic: "t", line: "no separator here") }
    }

    @Test func parsesHeaders() throws {
        let reader = try LineReader(properties: ["parse.headers": "true", "parse.key": "true"])
        let record = try reader.record(topic: "t", line: "a:1,b\tk\tv")
        #expect(record.headers == [RecordHeader(key: "a", value: ByteBuffer(string: "1")), RecordHeader(key: "b", value: nil)])
        #expect(record.key == ByteBuffer(string: "k") && record.value == ByteBuffer(string: "v"))
    }

    @Test func propertiesNeedKeyValue() throws {
        #expect(throws: ClientError.self) { try Properties.parse(["novalue"]) }
        let parsed = try Properties.parse(["a=b=c"])
        #expect(parsed == ["a": "b=c"])
        #expect(Properties.unescape("\\t|\\n") == "\t|\n")
    }
}

@Suite struct ProducerConfigTests {
    @Test func appliesKafkaPropertyNames() throws {
        var config = ProducerConfig()
        let unknown = try config.apply(["acks": "all", "linger.ms": "20", "batch.size": "1000", "whatever": "x"])
        #expect(config.acks == -1 && config.lingerMs == 20 && config.batchSize == 1000)
        #expect(unknown == ["whatever"])
        #expect(throws: ClientError.self) { try config.apply(["acks": "2"]) }
        #expect(throws: ClientError.self) { try config.apply(["linger.ms": "soon"]) }
    }

    @Test func bootstrapAddressesParse() throws {
        #expect(try BrokerAddress.parseList("localhost:9092,127.0.0.1:9093").map(\.port) == [9092, 9093])
        #expect(BrokerAddress(parsing: "PLAINTEXT://h:1")?.host == "h")
        #expect(BrokerAddress(parsing: "[::1]:9092")?.host == "::1")
        #expect(BrokerAddress(parsing: "host")?.port == 9092)
        #expect(throws: ClientError.self) { try BrokerAddress.parseList("host:notaport") }
    }
}

@Suite struct TopicDescriptionFormatTests {
    @Test func matchesKafkaTopicsLayout() {
        let description = Admin.TopicDescription(
            name: "quickstart-events", id: KafkaUUID(high: 1, low: 2), isInternal: false,
            partitions: [.init(partition: 0, leader: 1, leaderEpoch: 0, replicas: [1, 2], isr: [1], offline: [], error: .none)],
            configs: [(name: "retention.ms", value: "1000")])
        let lines = TopicDescriptionFormat.lines(description)
        #expect(lines[0] == "Topic: quickstart-events\tTopicId: AAAAAAAAAAEAAAAAAAAAAg\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: retention.ms=1000")
        #expect(lines[1] == "\tTopic: quickstart-events\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1")
    }
}
