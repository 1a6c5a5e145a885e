import Foundation
import SamsaClient
import Testing
@testable import SamsaTUI

/// Topic detail (`i`): config rows with their sources, editing and reverting through the form, the
/// effect shown after the answer; the create form's configs; the typed-name delete.
@Suite struct TopicConfigTests {
    @Test func rowsPutConfigsSetOnTheTopicFirstWithKafkasSourceNames() {
        let rows = TopicConfigRows.rows([
            ConfigEntryDescription(name: "cleanup.policy", value: "delete", source: .defaultConfig),
            ConfigEntryDescription(name: "min.insync.replicas", value: "2", source: .staticBroker),
            ConfigEntryDescription(name: "retention.ms", value: "1000", source: .dynamicTopic),
            ConfigEntryDescription(name: "sasl.secret", value: nil, source: .dynamicTopic, isSensitive: true),
            ConfigEntryDescription(name: "segment.bytes", value: nil, source: .defaultConfig, isReadOnly: true),
        ])
        #expect(rows.map(\.name) == ["min.insync.replicas", "retention.ms", "sasl.secret", "cleanup.policy", "segment.bytes"])
        #expect(rows.map(\.source) == ["STATIC_BROKER_CONFIG", "DYNAMIC_TOPIC_CONFIG", "DYNAMIC_TOPIC_CONFIG", "DEFAULT_CONFIG", "DEFAULT_CONFIG"])
        #expect(rows.map(\.value) == ["2", "1000", "(sensitive)", "delete", "null"])
        #expect(rows.map(\.isDefault) == [false, false, false, true, true])
        #expect(rows[4].isReadOnly)
    }

    @Test func summaryCountsRecordsBetweenLogStartAndEndAndAddsSizesWhenKnown() {
        let detail = TopicDetail(topic: "orders", configs: [], partitions: [
            TopicDetail.Partition(partition: 0, logStartOffset: 50, logEndOffset: 100, sizeInBytes: 2048),
            TopicDetail.Partition(partition: 1, logStartOffset: 0, logEndOffset: 1, sizeInBytes: 1024),
        ])
        #expect(TopicConfigRows.summary(detail) == "2 partitions · 51 records · 3.0 KB")
        #expect(TopicConfigRows.partitionLine(detail.partitions[0]) == "p0  log start 50  end 100  50 records  2.0 KB")
        let attached = TopicDetail(topic: "orders", configs: [], partitions: [TopicDetail.Partition(partition: 0, logStartOffset: 0, logEndOffset: 1)])
        #expect(TopicConfigRows.summary(attached) == "1 partition · 1 record")
        #expect(TopicConfigRows.bytes(999) == "999 B")
    }

    /// Opens detail on orders and feeds it the fake's answer.
    private func openDetail(_ source: TopicConfigFakeSource) async -> (Workbench, MemoryCanvas) {
        let (workbench, canvas) = Fixtures.workbench()
        let effects = workbench.press(.char("i"))
        #expect(effects == [.perform(.describeTopic("orders"))])
        #expect(workbench.state.topicDetail?.topic == "orders")
        workbench.receive(await WorkbenchAction.describeTopic("orders").perform(on: source))
        Fixtures.draw(workbench, on: canvas)
        return (workbench, canvas)
    }

    @Test func detailShowsEveryConfigWithItsSourceAndThePartitionsLogs() async {
        let (workbench, canvas) = await openDetail(TopicConfigFakeSource())
        let screen = canvas.screen
        #expect(screen.contains("Topic orders · configs"))
        #expect(screen.contains("2 partitions · 170 records · 3.0 KB"))
        #expect(screen.contains("p0  log start 10  end 100  90 records  2.0 KB"))
        let lines = screen.split(separator: "\n")
        let retention = lines.first { $0.contains("retention.ms") }.map(String.init) ?? ""
        #expect(retention.contains("● retention.ms") && retention.contains("3600000") && retention.contains("DYNAMIC_TOPIC_CONFIG"))
        #expect(lines.contains { $0.contains("cleanup.policy") && $0.contains("DEFAULT_CONFIG") })
        // Non-default first: retention.ms is selected on opening.
        #expect(workbench.state.topicDetail?.selectedConfig?.name == "retention.ms")
        // The mouse cannot reach the panes underneath; the wheel moves the selection.
        workbench.press(.click(row: 3, col: 2), .wheelDown(row: 10, col: 10))
        #expect(workbench.state.focus == .topics && workbench.state.selectedTopic == "orders")
        #expect(workbench.state.topicDetail?.selectedConfig?.name == "cleanup.policy")
        #expect(workbench.press(.escape).isEmpty)
        #expect(workbench.state.topicDetail == nil)
    }

    @Test func enterEditsTheSelectedConfigAndTheAnswerShowsItsEffect() async {
        let source = TopicConfigFakeSource()
        let (workbench, canvas) = await openDetail(source)
        workbench.press(.enter)
        guard case .form(let form)? = workbench.state.overlay else { Issue.record("no edit form"); return }
        #expect(form.fields[0].value == "3600000")
        workbench.press(.ctrl("u"))
        let effects = workbench.type("1000") + workbench.press(.enter)
        let action = WorkbenchAction.alterTopicConfig(topic: "orders", op: .set("retention.ms", "1000"))
        #expect(effects == [.perform(action)])
        workbench.receive(await action.perform(on: source))
        Fixtures.draw(workbench, on: canvas)
        #expect(source.actions == ["alter orders set(\"retention.ms\", \"1000\")"])
        #expect(canvas.screen.contains("Set retention.ms=1000 on orders."))
        // The answer describes the topic afresh: the log start retention moved.
        #expect(canvas.screen.contains("p0  log start 50  end 100  50 records"))
        #expect(workbench.state.topicDetail?.selectedConfig?.name == "retention.ms")
    }

    @Test func aBadValueShowsTheBrokersSentence() async {
        let source = TopicConfigFakeSource()
        let (workbench, canvas) = await openDetail(source)
        workbench.press(.enter, .ctrl("u"))
        workbench.type("soon")
        let effects = workbench.press(.enter)
        guard case .perform(let action)? = effects.first else { Issue.record("nothing sent"); return }
        workbench.receive(await action.perform(on: source))
        Fixtures.draw(workbench, on: canvas)
        #expect(workbench.state.status?.kind == .error)
        #expect(canvas.screen.contains("Invalid value soon for configuration retention.ms: Not a number of type LONG (INVALID_CONFIG)."))
        #expect(canvas.screen.contains("3600000"))
    }

    @Test func dRevertsAConfigSetOnTheTopicAndSaysWhenThereIsNothingToRevert() async {
        let source = TopicConfigFakeSource()
        let (workbench, _) = await openDetail(source)
        let action = WorkbenchAction.alterTopicConfig(topic: "orders", op: .delete("retention.ms"))
        #expect(workbench.press(.char("d")) == [.perform(action)])
        workbench.receive(await action.perform(on: source))
        #expect(workbench.state.topicDetail?.detail?.configs.allSatisfy(\.isDefault) == true)
        #expect(workbench.press(.char("d")).isEmpty)
        #expect(workbench.state.status?.text.contains("nothing to revert") == true)
        #expect(workbench.press(.char("r")) == [.perform(.describeTopic("orders"))])
    }

    @Test func createFormTakesConfigsAndLeavesEmptyOnesToTheDefault() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("c"), .ctrl("u"))
        workbench.type("compacted")
        workbench.press(.tab, .tab, .tab, .right, .right)  // cleanup.policy: compact
        workbench.press(.tab)
        workbench.type("60000")
        workbench.press(.tab)
        workbench.type("2")
        workbench.press(.tab, .left)  // compression.type: zstd
        #expect(workbench.press(.enter) == [.perform(.createConfiguredTopic(name: "compacted", partitions: 3, replicationFactor: 3, configs: [
            "cleanup.policy": "compact", "retention.ms": "60000", "min.insync.replicas": "2", "compression.type": "zstd"]))])
        // With every config left alone it is the plain CreateTopics.
        workbench.press(.char("c"))
        #expect(workbench.press(.enter) == [.perform(.createTopic(name: "quickstart-events", partitions: 3, replicationFactor: 3))])
    }

    @Test func createFormRejectsABadRetention() {
        #expect(TopicConfigForm.configs(["default", "soon", "", "default"]).failureMessage
            == "retention.ms must be a number of milliseconds (-1 keeps records forever), or empty for the default.")
        #expect(TopicConfigForm.configs(["default", "-1", "0", "default"]).failureMessage
            == "min.insync.replicas must be at least 1, or empty for the default.")
        #expect(TopicConfigForm.configs(["delete", "-1", "", "lz4"]) == .success(["cleanup.policy": "delete", "retention.ms": "-1", "compression.type": "lz4"]))
    }

    @Test func configuredCreateReachesTheSourceAndSelectsTheTopic() async {
        let source = TopicConfigFakeSource()
        let action = WorkbenchAction.createConfiguredTopic(name: "compacted", partitions: 1, replicationFactor: 1, configs: ["cleanup.policy": "compact"])
        let outcome = await action.perform(on: source)
        #expect(outcome.message == "Created topic compacted (1 partition, replication factor 1, cleanup.policy=compact).")
        #expect(source.actions == ["create compacted [(key: \"cleanup.policy\", value: \"compact\")]"])
        let (workbench, _) = Fixtures.workbench()
        workbench.receive(outcome)
        #expect(workbench.state.selectedTopic == "compacted")
    }

    @Test func sourcesWithoutConfigsSaySoInOneSentence() async {
        let outcome = await WorkbenchAction.describeTopic("orders").perform(on: FakeWorkbenchSource())
        #expect(outcome.isError && outcome.message == "This workbench cannot describe topic configs.")
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("i"))
        workbench.receive(outcome)
        Fixtures.draw(workbench, on: canvas)
        #expect(workbench.state.topicDetail?.error == "This workbench cannot describe topic configs.")
    }
}

extension Result where Failure == WorkbenchError {
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
