import Foundation
import Logging
import Testing
@testable import SamsaEngine
@testable import SamsaProtocol

@Suite struct ControllerTests {
    let directory = NSTemporaryDirectory() + "samsa-controller-\(UUID().uuidString)"

    func makeController(brokers: Int = 1, settings: [String: String] = [:]) throws -> Controller {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try Controller(metadataPath: directory + "/meta.json", brokerIds: (0..<brokers).map { Int32($0) },
                              settings: BrokerSettings(settings), logger: Logger(label: "test"))
    }

    @Test func createsTopicWithDefaultsAndPersistsIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try makeController(settings: ["num.partitions": "3"])
        let topic = try controller.createTopic(name: "quickstart-events")
        #expect(topic.partitions.count == 3)
        #expect(topic.partitions.allSatisfy { $0.leader == 0 && $0.isr == [0] && $0.leaderEpoch == 0 })
        let reopened = try makeController()
        #expect(reopened.topic("quickstart-events") == topic)
        #expect(reopened.clusterId == controller.clusterId)
    }

    @Test func rejectsBadNamesDuplicatesAndCollisions() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try makeController()
        try controller.createTopic(name: "a.b")
        #expect(throws: EngineError.self) { try controller.createTopic(name: "a.b") }
        do {
            try controller.createTopic(name: "a_b")
            Issue.record("collision accepted")
        } catch let error as EngineError {
            #expect(error.code == .invalidTopicException)
        }
        for bad in ["", ".", "..", "has space", "ünïcode", String(repeating: "x", count: 250)] {
            do {
                try controller.createTopic(name: bad)
                Issue.record("accepted \(bad)")
            } catch let error as EngineError {
                #expect(error.code == .invalidTopicException)
            }
        }
    }

    @Test func validatesPartitionsReplicationAndConfigs() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try makeController(brokers: 3)
        func code(_ body: () throws -> Void) -> ErrorCode? {
            do { try body(); return nil } catch let error as EngineError { return error.code } catch { return .unknownServerError }
        }
        #expect(code { try controller.createTopic(name: "t1", partitions: 0) } == .invalidPartitions)
        #expect(code { try controller.createTopic(name: "t2", replicationFactor: 4) } == .invalidReplicationFactor)
        #expect(code { try controller.createTopic(name: "t3", configs: ["retention.ms": "soon"]) } == .invalidConfig)
        #expect(code { try controller.createTopic(name: "t4", configs: ["no.such.key": "1"]) } == .invalidConfig)
        #expect(code { try controller.createTopic(name: "t5", assignment: [[0, 0]]) } == .invalidReplicaAssignment)
        #expect(code { try controller.createTopic(name: "t6", validateOnly: true) } == nil)
        #expect(controller.topic("t6") == nil)
        let manual = try controller.createTopic(name: "t7", assignment: [[2, 1], [1, 0]])
        #expect(manual.partitions.map(\.leader) == [2, 1])
    }

    @Test func defaultReplicationFactorIsMinOfThreeAndBrokers() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try makeController(brokers: 1).defaultReplicationFactor == 1)
        try FileManager.default.removeItem(atPath: directory)
        #expect(try makeController(brokers: 5).defaultReplicationFactor == 3)
        #expect(try makeController(brokers: 5, settings: ["default.replication.factor": "2"]).defaultReplicationFactor == 2)
    }

    @Test func aDataDirectoryKeepsItsBrokerCount() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try makeController(brokers: 3).createTopic(name: "kept", partitions: 3, replicationFactor: 3)
        do {
            _ = try makeController(brokers: 1)
            Issue.record("a three-broker data directory opened with one broker")
        } catch let error as EngineError {
            #expect(error.message.contains("--brokers 3"))
        }
        #expect(try makeController(brokers: 3).topic("kept")?.partitions.count == 3, "nothing was lost by the refusal")
    }

    @Test func deleteRemovesTopic() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let controller = try makeController()
        try controller.createTopic(name: "gone")
        try controller.deleteTopic("gone")
        #expect(controller.topic("gone") == nil)
        #expect(throws: EngineError.self) { try controller.deleteTopic("gone") }
        #expect(try makeController().topic("gone") == nil)
    }

    @Test func corruptMetadataFileIsAClearError() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: directory + "/meta.json"))
        do {
            _ = try makeController()
            Issue.record("corrupt metadata accepted")
        } catch let error as EngineError {
            #expect(error.message.contains("unreadable"))
        }
    }
}

@Suite struct ReplicaAssignmentTests {
    @Test func spreadsLeadersAndNeverRepeatsABroker() {
        let lists = ReplicaAssignment.assign(partitions: 6, replicationFactor: 3, brokers: [0, 1, 2], startIndex: 0, shift: 0)
        #expect(lists.count == 6)
        #expect(lists.map { $0[0] } == [0, 1, 2, 0, 1, 2])
        #expect(lists.allSatisfy { Set($0).count == 3 })
        #expect(lists[0] == [0, 1, 2])
        #expect(lists[3] == [0, 2, 1])
    }
}

@Suite struct ConfigTests {
    @Test func topicOverridesBeatBrokerSettingsWhichBeatDefaults() {
        let settings = BrokerSettings(["log.retention.hours": "1", "log.segment.bytes": "1000"])
        #expect(settings.topicValue("retention.ms", overrides: [:]) == "3600000")
        #expect(settings.topicValue("retention.ms", overrides: ["retention.ms": "5"]) == "5")
        #expect(settings.topicValue("retention.bytes", overrides: [:]) == "-1")
        let entry = settings.topicEntry(TopicConfigs.definition("segment.bytes")!, overrides: [:])
        #expect(entry.source == .staticBroker && entry.value == "1000")
        let config = settings.logConfig(overrides: ["flush.messages": "1", "cleanup.policy": "compact"])
        #expect(config.segmentBytes == 1000)
        #expect(config.flushPolicy == .everyAppend)
        #expect(config.cleanupPolicy == .compact)
        #expect(config.retentionMs == 3_600_000)
    }

    @Test func validatesValues() {
        #expect(TopicConfigs.problem(with: ["cleanup.policy": "compact,delete"]) == nil)
        #expect(TopicConfigs.problem(with: ["cleanup.policy": "shred"]) != nil)
        #expect(TopicConfigs.problem(with: ["min.insync.replicas": "0"]) != nil)
        #expect(TopicConfigs.problem(with: ["unclean.leader.election.enable": "yes"]) != nil)
    }
}
