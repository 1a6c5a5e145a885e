import Foundation
import SamsaConnect
import Testing
@testable import SamsaTUI

/// The Connect view's rows, from the herder's snapshot: workers, one line per connector, the selected one in
/// detail (state, a failure's first trace line, records in/out with rates, tasks with source offsets or sink
/// lag, the file's last lines), and the sentences the event log tells.
@Suite struct ConnectPresentationTests {
    private func text(_ spans: [Span]) -> String { spans.map(\.text).joined() }
    private func text(_ lines: [[Span]]) -> [String] { lines.map { text($0) } }

    @Test func aConnectorRowSaysKindClassStateTopicTasksAndRates() {
        #expect(text(ConnectRows.listRow(ConnectFixtures.source()))
                == "local-file-source  source  FileStreamSourceConnector  RUNNING  → connect-test  1/1 task running  in 1.5/s  out 1.5/s")
        #expect(text(ConnectRows.listRow(ConnectFixtures.sink()))
                == "local-file-sink  sink  FileStreamSinkConnector  RUNNING  connect-test →  1/1 task running  in 0.5/s  out 0.5/s")
        // Two tasks, one failed: 1 of 2 running, rates and failures summed over the tasks.
        #expect(text(ConnectRows.listRow(ConnectFixtures.failedGenerator()))
                == "datagen-users  source  DatagenConnector  RUNNING  → users  1/2 tasks running  in 2.0/s  out 2.0/s  failed 3")
        #expect(ConnectRows.totals(ConnectFixtures.failedGenerator())
                == ConnectRows.Totals(recordsIn: 15, recordsOut: 12, inPerSecond: 2, outPerSecond: 2, failed: 3))
    }

    @Test func aSourceInDetailShowsItsOffsetsAndItsFile() {
        let file = WorkbenchConnect.FileTail(path: "/tmp/wb/connect/test.txt", lines: ["foo", "bar"])
        #expect(text(ConnectRows.lines(ConnectFixtures.source(), file: file)) == [
            "local-file-source  RUNNING  source connector org.apache.kafka.connect.file.FileStreamSourceConnector",
            "  worker wb-host:workbench  → connect-test",
            "  in 2 (1.5/s) · out 2 (1.5/s) · failed 0",
            "Tasks",
            "  task 0  RUNNING  worker wb-host:workbench  in 2 (1.5/s) · out 2 (1.5/s) · failed 0",
            "      source offsets /tmp/wb/connect/test.txt: position 8",
            "File /tmp/wb/connect/test.txt (last 2 lines)",
            "  foo",
            "  bar",
        ])
        #expect(text(ConnectRows.lines(ConnectFixtures.source(offsets: []))).contains("      source offsets none committed yet"))
    }

    @Test func aSinkShowsItsLagAndAFileNotWrittenYet() {
        let lines = text(ConnectRows.lines(ConnectFixtures.sink(lag: 1234),
                                           file: .init(path: "/tmp/wb/connect/test.sink.txt", lines: [], exists: false)))
        #expect(lines.contains("      lag 1,234"))
        #expect(!lines.contains { $0.contains("source offsets") })
        #expect(Array(lines.suffix(2)) == ["File /tmp/wb/connect/test.sink.txt", "  not there yet: nothing written"])
    }

    @Test func aFailureShowsOnlyTheTracesFirstLine() {
        let lines = text(ConnectRows.lines(ConnectFixtures.failedGenerator()))
        #expect(lines.contains("      FAILED: org.apache.kafka.connect.errors.ConnectException: quickstart nope is unknown"))
        #expect(!lines.contains { $0.contains("Generator.swift") })
        #expect(lines.contains("  task 0  FAILED  worker wb-host:workbench  in 10 (0/s) · out 7 (0/s) · failed 3"))
        var failed = ConnectFixtures.source(state: .failed)
        failed.trace = "\n  java.io.FileNotFoundException: test.txt\n\tat x"
        #expect(text(ConnectRows.lines(failed))[2] == "  FAILED: java.io.FileNotFoundException: test.txt")
        #expect(ConnectRows.firstLine(nil) == nil && ConnectRows.firstLine("\n \n") == nil)
    }

    @Test func workersSayStandaloneOrTheirGroup() {
        #expect(text(ConnectRows.workers(ConnectFixtures.herder())) == "standalone worker wb-host:workbench (leader, here)")
        let group = ConnectSnapshot(workers: [.init(id: "a:8083", isLeader: true, isLocal: false), .init(id: "b:8083", isLeader: false, isLocal: true)],
                                    mode: "connect-cluster", restURL: "http://b:8083/")
        #expect(text(ConnectRows.workers(group)) == "group connect-cluster · 2 workers: a:8083 (leader), b:8083 (here) · REST http://b:8083/")
    }

    @Test func statesHaveTheirColours() {
        #expect(ConnectRows.stateStyle(.running) == Style(.success))
        #expect(ConnectRows.stateStyle(.paused) == Style(.warning))
        #expect(ConnectRows.stateStyle(.unassigned) == Style(.warning))
        #expect(ConnectRows.stateStyle(.failed) == Style(.error))
        #expect(ConnectRows.stateStyle(.stopped) == Style(.inactiveFg))
    }

    @Test func theEventLogTellsStateChangesFailuresAndDeletions() {
        let before = ConnectFixtures.herder([ConnectFixtures.source(), ConnectFixtures.sink()])
        var paused = ConnectFixtures.source(state: .paused)
        paused.tasks[0].state = .paused
        let after = ConnectFixtures.herder([paused, ConnectFixtures.failedGenerator()])
        let told = ConnectNarration.changes(from: before, to: after)
        #expect(told.map(\.1) == [
            "Connector local-file-source is PAUSED",
            "Task local-file-source-0 is PAUSED",
            "Connector datagen-users is RUNNING",
            "Task datagen-users-0 FAILED: org.apache.kafka.connect.errors.ConnectException: quickstart nope is unknown",
            "Task datagen-users-1 is RUNNING",
            "Connector local-file-sink is gone",
        ])
        #expect(told.map(\.0) == [.connectorChanged, .connectorChanged, .connectorChanged, .connectorFailed, .connectorChanged, .connectorDeleted])
        #expect(ConnectNarration.changes(from: after, to: after).isEmpty)
        #expect(StreamRows.label(.connectorFailed) == "failed" && StreamRows.style(.connectorFailed) == Style(.offline))
    }

    @Test func actionsAreToldAsKafkaNamesThem() {
        #expect(ConnectActionText.created("local-file-source", ["connector.class": "FileStreamSource", "file": "/d/test.txt", "topic": "connect-test"])
                == "Created connector local-file-source (FileStreamSource: /d/test.txt → connect-test)")
        #expect(ConnectActionText.created("local-file-sink", ["connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
                                                              "file": "/d/test.sink.txt", "topics": "connect-test"])
                == "Created connector local-file-sink (FileStreamSinkConnector: connect-test → /d/test.sink.txt)")
        #expect(ConnectActionText.created("gen", ["connector.class": ConnectForms.generatorClass, "kafka.topic": "users", "quickstart": "users"])
                == "Created connector gen (DatagenConnector: users → users)")
        #expect(WorkbenchAction.controlConnector(name: "s", .restart).progress == "Restarting connector s and its tasks…")
        #expect(WorkbenchAction.controlConnector(name: "s", .pause).progress == "Pausing connector s…")
    }
}
