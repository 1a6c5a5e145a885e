import Foundation
import SamsaClient
import SamsaProtocol
import SamsaStreams
import Testing

@Suite struct RuntimeConfigTests {
    @Test func defaultsAreKafkas() {
        let config = StreamsConfig(applicationId: "app")
        #expect(config.numStreamThreads == 1)
        #expect(config.processingGuarantee == .atLeastOnce)
        #expect(config.commitIntervalMs == 30000)
        #expect(config.replicationFactor == -1)
        #expect(config.stateDir.hasSuffix("/kafka-streams"))
        #expect(config.deserializationExceptionHandler == .logAndFail)
        var eos = config
        eos.processingGuarantee = .exactlyOnceV2
        #expect(eos.commitIntervalMs == 100)
        eos.commitIntervalMsOverride = 500
        #expect(eos.commitIntervalMs == 500)
    }

    @Test func applyTakesKafkaNamesAndPrefixedOverrides() throws {
        var config = StreamsConfig(applicationId: "x")
        let warnings = try config.apply([
            "application.id": "wordcount", "bootstrap.servers": "h1:9092,h2:9093", "num.stream.threads": "3",
            "processing.guarantee": "exactly_once_v2", "state.dir": "/tmp/s", "commit.interval.ms": "1000",
            "replication.factor": "3", "cache.max.bytes.buffering": "0", "poll.ms": "50", "max.task.idle.ms": "10",
            "default.deserialization.exception.handler": "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler",
            "consumer.max.poll.interval.ms": "60000", "producer.linger.ms": "20", "client.id": "wc-client",
        ])
        #expect(warnings.isEmpty)
        #expect(config.applicationId == "wordcount")
        #expect(config.numStreamThreads == 3)
        #expect(config.exactlyOnce)
        #expect(config.stateDir == "/tmp/s")
        #expect(config.commitIntervalMs == 1000)
        #expect(config.replicationFactor == 3)
        #expect(config.pollMs == 50)
        #expect(config.deserializationExceptionHandler == .logAndContinue)
        #expect(config.consumerOverrides == ["max.poll.interval.ms": "60000"])
        #expect(config.producerOverrides == ["linger.ms": "20"])
        #expect(config.clientId == "wc-client")
    }

    @Test func unknownKeysWarnAndDeprecatedGuaranteesSaySo() throws {
        var config = StreamsConfig(applicationId: "x")
        let warnings = try config.apply(["no.such.setting": "1", "processing.guarantee": "exactly_once_beta"])
        // In key order.
        #expect(warnings == ["The configuration 'no.such.setting' was supplied but isn't a known config.",
                             "Configuration parameter `exactly_once_beta` is deprecated and will be removed in the 4.0.0 release. Please use `exactly_once_v2` instead."])
        #expect(config.processingGuarantee == .exactlyOnceV2)
    }

    @Test func badValuesAreOneSentence() {
        func message(_ properties: [String: String]) -> String? {
            var config = StreamsConfig(applicationId: "x")
            do { _ = try config.apply(properties); return nil } catch { return "\(error)" }
        }
        #expect(message(["num.stream.threads": "0"])?.contains("num.stream.threads must be a number of at least 1, not \"0\"") == true)
        #expect(message(["processing.guarantee": "twice"])?.contains("processing.guarantee must be at_least_once or exactly_once_v2, not \"twice\"") == true)
        #expect(message(["application.id": ""])?.contains("application.id must not be empty") == true)
        #expect(message(["application.id": "a b"])?.contains("may contain only ASCII letters") == true)
        #expect(message(["commit.interval.ms": "soon"]) != nil)
    }
}

@Suite struct RuntimeAssignorTests {
    let assignor = StreamsPartitionAssignor(sourceTopics: [0: ["left", "right"], 1: ["app-rep"]]) {
        StreamsSubscriptionInfo(processId: "p", tasksWithState: [])
    }
    let counts: [String: Int32] = ["left": 3, "right": 3, "app-rep": 2]

    @Test func aTaskIsTheSamePartitionOfEverySourceTopic() {
        let tasks = assignor.tasksAndPartitions(counts)
        #expect(tasks.count == 5)
        #expect(tasks[TaskId(subtopology: 0, partition: 2)] == [TopicPartition("left", 2), TopicPartition("right", 2)])
        #expect(tasks[TaskId(subtopology: 1, partition: 1)] == [TopicPartition("app-rep", 1)])
        #expect(assignor.task(of: TopicPartition("right", 1)) == TaskId(subtopology: 0, partition: 1))
        let plan = assignor.assign(members: [AssignorMember(memberId: "only", topics: ["left", "right", "app-rep"])], partitionsPerTopic: counts)
        #expect(plan["only"]?.count == 8)
    }

    @Test func tasksAreBalancedAndStayWithTheirOwners() {
        let topics = ["left", "right", "app-rep"]
        // b owned task 0_0 (both partitions) and 1_1; a owned everything else.
        let a = AssignorMember(memberId: "a", topics: topics, ownedPartitions: [
            TopicPartition("left", 1), TopicPartition("right", 1), TopicPartition("left", 2), TopicPartition("right", 2),
            TopicPartition("app-rep", 0)])
        let b = AssignorMember(memberId: "b", topics: topics, ownedPartitions: [
            TopicPartition("left", 0), TopicPartition("right", 0), TopicPartition("app-rep", 1)])
        let c = AssignorMember(memberId: "c", topics: topics)
        let plan = assignor.assignWithUserData(members: [a, b, c], partitionsPerTopic: counts)
        func tasks(_ member: String) -> Set<TaskId> { Set(plan[member]!.partitions.compactMap(assignor.task(of:))) }
        // 5 tasks over 3 members: 2, 2, 1; b keeps both of its tasks, a keeps two of its three, c gets the rest.
        #expect(tasks("b") == [TaskId(subtopology: 0, partition: 0), TaskId(subtopology: 1, partition: 1)])
        #expect(tasks("a").count == 2 && tasks("a").isSubset(of: [TaskId(subtopology: 0, partition: 1), TaskId(subtopology: 0, partition: 2), TaskId(subtopology: 1, partition: 0)]))
        #expect(tasks("c").count == 1)
        #expect(tasks("a").union(tasks("b")).union(tasks("c")).count == 5)
        #expect(StreamsAssignmentInfo.decode(plan["b"]!.userData!)?.activeTasks == ["0_0", "1_1"])
        #expect(StreamsAssignmentInfo.decode(Array("not json".utf8)) == nil)
    }

    @Test func localStateAttractsATaskWithoutAnOwner() throws {
        let topics = ["left", "right", "app-rep"]
        let withState = try JSONEncoder().encode(StreamsSubscriptionInfo(processId: "q", tasksWithState: ["1_0"]))
        let a = AssignorMember(memberId: "a", topics: topics)
        let z = AssignorMember(memberId: "z", topics: topics, userData: Array(withState))
        let plan = assignor.assign(members: [a, z], partitionsPerTopic: counts)
        #expect(plan["z"]!.contains(TopicPartition("app-rep", 0)))
        #expect(plan["a"]!.count + plan["z"]!.count == 8)
    }
}
