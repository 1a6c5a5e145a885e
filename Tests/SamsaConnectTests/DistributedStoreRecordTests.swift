import Testing
@testable import SamsaConnect

/// The records of the three topics, as Kafka's backing stores write them with a schemaless JsonConverter.
@Suite struct DistributedStoreRecordTests {
    func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    @Test func connectorAndTaskConfigsAreObjectsUnderProperties() {
        let record = ConfigRecord.connector("local-file-source", ["topic": "connect-test", "file": "test.txt"])
        #expect(record.key == "connector-local-file-source")
        #expect(text(record.value) == #"{"properties":{"file":"test.txt","topic":"connect-test"}}"#)
        let task = ConfigRecord.task(ConnectorTaskId(connector: "local-file-source", task: 0), ["file": "test.txt"])
        #expect(task.key == "task-local-file-source-0")
        #expect(text(task.value) == #"{"properties":{"file":"test.txt"}}"#)
        #expect(ConfigRecord(key: task.key, value: task.value) == task)
    }

    @Test func commitTargetStateAndRestartRecordsUseKafkasFieldNames() {
        #expect(text(ConfigRecord.commit("c", tasks: 2).value) == #"{"tasks":2}"#)
        #expect(ConfigRecord.commit("c", tasks: 2).key == "commit-c")
        #expect(text(ConfigRecord.targetState("c", .paused).value) == #"{"state":"PAUSED","state.v2":"PAUSED"}"#)
        // Kafka writes STOPPED as PAUSED for older workers, with the real state in state.v2.
        #expect(text(ConfigRecord.targetState("c", .stopped).value) == #"{"state":"PAUSED","state.v2":"STOPPED"}"#)
        #expect(ConfigRecord.targetState("c", .paused).key == "target-state-c")
        #expect(text(ConfigRecord.restart("c", includeTasks: true, onlyFailed: false).value) == #"{"include-tasks":true,"only-failed":false}"#)
        #expect(ConfigRecord.restart("c", includeTasks: true, onlyFailed: false).key == "restart-connector-c")
    }

    @Test func readingKafkaWrittenRecords() {
        // Kafka 3.x before state.v2, and a connector name with dashes in a task key.
        #expect(ConfigRecord(key: "target-state-c", value: Array(#"{"state":"PAUSED"}"#.utf8)) == .targetState("c", .paused))
        #expect(ConfigRecord(key: "task-my-conn-12", value: Array(#"{"properties":{"a":"b"}}"#.utf8))
            == .task(ConnectorTaskId(connector: "my-conn", task: 12), ["a": "b"]))
        #expect(ConfigRecord(key: "connector-x", value: nil) == .connector("x", nil))
        #expect(ConfigRecord(key: "commit-x", value: Array(#"{"tasks":3}"#.utf8)) == .commit("x", tasks: 3))
        #expect(ConfigRecord(key: "session-key", value: Array(#"{"key":"k","algorithm":"HmacSHA256","creation-timestamp":1}"#.utf8)) == nil)
        #expect(ConfigRecord(key: "connector-x", value: Array("not json".utf8)) == nil)
    }

    @Test func offsetKeysAndValuesAreSchemalessJSON() throws {
        let key = KafkaOffsetStore.key(connector: "local-file-source", partition: ["filename": .string("/tmp/test.txt")])
        #expect(key == #"["local-file-source",{"filename":"/tmp/test.txt"}]"#)
        #expect(SchemalessJSON.json(["position": .int64(8)]).compactString == #"{"position":8}"#)
        let parsed = try JSONValue.parse(#"{"position":8}"#)
        #expect(SchemalessJSON.sourceMap(parsed) == ["position": .int64(8)])
    }

    @Test func statusValuesHaveKafkasFieldsInOrder() {
        let status = KafkaStatusStore.Status(state: .running, trace: nil, workerId: "127.0.0.1:8083", generation: 3)
        #expect(text(KafkaStatusStore.encode(status)) == #"{"state":"RUNNING","trace":null,"worker_id":"127.0.0.1:8083","generation":3}"#)
        #expect(KafkaStatusStore.decode(KafkaStatusStore.encode(status)) == status)
        let failed = KafkaStatusStore.Status(state: .failed, trace: "boom\n\tat x", workerId: "w", generation: 1)
        #expect(KafkaStatusStore.decode(KafkaStatusStore.encode(failed)) == failed)
    }

    @Test func configSnapshotCountsOnlyCommittedTasks() {
        var snapshot = ConfigSnapshot()
        snapshot.connectorConfigs["c"] = ["connector.class": "FileStreamSource"]
        snapshot.taskConfigs[ConnectorTaskId(connector: "c", task: 0)] = ["file": "a"]
        #expect(snapshot.tasks("c").isEmpty)
        snapshot.taskCounts["c"] = 1
        #expect(snapshot.tasks("c") == [ConnectorTaskId(connector: "c", task: 0)])
        #expect(snapshot.assignable == ["c": 1])
        #expect(snapshot.targetState("c") == .started)
    }
}
