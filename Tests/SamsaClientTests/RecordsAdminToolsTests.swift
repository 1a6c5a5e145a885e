import ArgumentParser
import Testing
@testable import SamsaClient
@testable import samsa
import SamsaProtocol

/// kafka-delete-records' JSON and output, kafka-log-dirs' JSON line, kafka-consumer-groups --delete-offsets'
/// table, and the three commands' flags.
@Suite struct RecordsAdminToolsTests {
    @Test func deleteRecordsJsonIsReadAsKafkasToolReadsIt() throws {
        let parsed = try DeleteRecordsPlan.parse(#"{"partitions":[{"topic":"t","partition":0,"offset":3},{"topic":"t","partition":1,"offset":-1}],"version":1}"#)
        #expect(parsed == [TopicPartition("t", 0): 3, TopicPartition("t", 1): -1])
        #expect(try DeleteRecordsPlan.parse(#"{"partitions":[{"topic":"u","partition":2,"offset":9}]}"#) == [TopicPartition("u", 2): 9],
                "no version means version 1")
        func said(_ text: String) -> String? {
            do { _ = try DeleteRecordsPlan.parse(text); return nil } catch { return "\(error)" }
        }
        #expect(said("{oops") == "The input string is not a valid JSON")
        #expect(said(#"{"version":1}"#) == "Missing partitions field")
        #expect(said(#"{"partitions":[],"version":3}"#) == "Not supported version field value 3")
        #expect(said(#"{"partitions":[{"topic":"a","partition":0,"offset":1},{"topic":"a","partition":0,"offset":2}]}"#)
                == "Offset json file contains duplicate topic partitions: a-0")
        #expect(said(#"{"partitions":[{"topic":"a","partition":"x","offset":1}]}"#)?.contains("Entry 0") == true)
    }

    @Test func deleteRecordsOutputLines() {
        let lines = DeleteRecordsPlan.resultLines([
            RecordsDeletion(topicPartition: TopicPartition("t", 1), lowWatermark: -1, error: .offsetOutOfRange),
            RecordsDeletion(topicPartition: TopicPartition("t", 0), lowWatermark: 3, error: .none),
        ])
        #expect(lines == ["partition: t-0\tlow_watermark: 3",
                          "partition: t-1\terror: org.apache.kafka.common.errors.OffsetOutOfRangeException: "
                            + "The requested offset is not within the range of offsets maintained by the server."])
        #expect(KafkaExceptionName.describe(.brokerNotAvailable).hasPrefix("org.apache.kafka.common.errors.BrokerNotAvailableException: "))
    }

    @Test func logDirsJsonHasKafkasKeyOrder() {
        let dir = LogDirInfo(path: "/tmp/d \"x\"", error: .none, replicas: [
            .init(topicPartition: TopicPartition("b", 0), size: 10, offsetLag: 0, isFuture: false),
            .init(topicPartition: TopicPartition("a", 1), size: 0, offsetLag: 0, isFuture: false),
        ], totalBytes: 100, usableBytes: 50)
        let broken = LogDirInfo(path: "/bad", error: .kafkaStorageError, replicas: [], totalBytes: -1, usableBytes: -1)
        #expect(LogDirsFormat.json([1: [broken], 0: [dir]], topics: [])
                == #"{"brokers":[{"broker":0,"logDirs":[{"partitions":[{"partition":"a-1","size":0,"offsetLag":0,"isFuture":false},"#
                + #"{"partition":"b-0","size":10,"offsetLag":0,"isFuture":false}],"error":null,"logDir":"/tmp/d \"x\""}]},"#
                + #"{"broker":1,"logDirs":[{"partitions":[],"error":"org.apache.kafka.common.errors.KafkaStorageException","logDir":"/bad"}]}],"version":1}"#)
        #expect(LogDirsFormat.json([0: [dir]], topics: ["b"]).contains(#""partitions":[{"partition":"b-0""#))
        #expect(LogDirsFormat.brokerList([2, 0, 1]) == "0,1,2")
    }

    @Test func deleteOffsetsTable() {
        let out = OffsetDeleteFormat.output(group: "g", topics: ["t", "u:1"], topLevel: .groupSubscribedToTopic,
                                            partitions: [TopicPartition("t", 0): .groupSubscribedToTopic, TopicPartition("u", 1): .none],
                                            topicErrors: ["gone": .unknownTopicOrPartition])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "" && lines[1] == "Error: Encounter some partition level error, see the follow-up details:" && lines[2] == "")
        #expect(lines[3] == "TOPIC" + String(repeating: " ", count: 25) + " PARTITION" + String(repeating: " ", count: 6) + " STATUS         ")
        #expect(lines[4].hasPrefix("gone") && lines[4].contains("Not Provided") && lines[4].contains("UnknownTopicOrPartitionException"))
        #expect(lines[5].hasPrefix("t ") && lines[5].contains("Error: :org.apache.kafka.common.errors.GroupSubscribedToTopicException"))
        #expect(lines[6].hasPrefix("u ") && lines[6].hasSuffix("Successful     "))
        #expect(lines.count == 8 && lines[7] == "")
        #expect(OffsetDeleteFormat.output(group: "g", topics: ["t"], topLevel: .none, partitions: [:])
                .hasPrefix("Request succeed for deleting offsets with topic t group g\n"))
        #expect(OffsetDeleteFormat.topLevel(.none, [TopicPartition("t", 0): .none, TopicPartition("t", 1): .groupSubscribedToTopic])
                == .groupSubscribedToTopic)
        #expect(OffsetDeleteFormat.topLevel(.groupIdNotFound, [:]) == .groupIdNotFound)
    }

    @Test func commandFlags() throws {
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["delete-records", "--bootstrap-server", "h:1"]) }
        let delete = try #require(try Samsa.parseAsRoot(["delete-records", "--offset-json-file", "f.json"]) as? DeleteRecordsCommand)
        #expect(delete.offsetJsonFile == "f.json")
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["log-dirs"]) }
        #expect(throws: (any Error).self) { try Samsa.parseAsRoot(["log-dirs", "--describe", "--broker-list", "0,x"]) }
        let dirs = try #require(try Samsa.parseAsRoot(["log-dirs", "--describe", "--broker-list", "0,2", "--topic-list", "a,b"]) as? LogDirsCommand)
        #expect(try dirs.brokers() == [0, 2] && dirs.topicList == "a,b")
        for bad in [["--delete-offsets", "--group", "g"], ["--delete-offsets", "--topic", "t"],
                    ["--delete-offsets", "--group", "g", "--group", "h", "--topic", "t"], ["--delete-offsets", "--all-groups", "--topic", "t"],
                    ["--delete-offsets", "--group", "g", "--topic", "t:x"], ["--delete-offsets", "--delete", "--group", "g", "--topic", "t"]] {
            #expect(throws: (any Error).self, "\(bad)") { try Samsa.parseAsRoot(["consumer-groups"] + bad) }
        }
        let groups = try #require(try Samsa.parseAsRoot(["consumer-groups", "--delete-offsets", "--group", "g", "--topic", "t:0,1"])
                                  as? ConsumerGroupsCommand)
        #expect(groups.deleteOffsets && groups.topic == ["t:0,1"])
    }
}
