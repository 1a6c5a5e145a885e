import Foundation
import SamsaConnect
import Testing
@testable import SamsaTUI

/// The Connect view over a Connect cluster's REST API (`--connect-url`): no rates (the REST API has none),
/// tasks with their states and workers, the connector's offsets as `GET …/offsets` gave them, one line when
/// the API does not answer, and the forms only for the plugins the cluster has.
@Suite struct ConnectRemoteViewTests {
    private func text(_ spans: [Span]) -> String { spans.map(\.text).joined() }
    private func text(_ lines: [[Span]]) -> [String] { lines.map { text($0) } }

    private func remoteSource() -> ConnectSnapshot.ConnectorEntry {
        ConnectSnapshot.ConnectorEntry(name: "local-file-source", type: .source, className: "FileStreamSource", state: .running,
                                       workerId: "10.0.0.1:8083", topics: ["connect-test"],
                                       tasks: [.init(id: 0, state: .running, workerId: "10.0.0.2:8083")])
    }

    @Test func aRemoteConnectorHasNoRatesButItsOffsets() {
        #expect(text(ConnectRows.listRow(remoteSource(), rates: false))
                == "local-file-source  source  FileStreamSource  RUNNING  → connect-test  1/1 task running")
        #expect(text(ConnectRows.lines(remoteSource(), remoteOffsets: .some(["filename=/tmp/test.txt → position=8"]))) == [
            "local-file-source  RUNNING  source connector FileStreamSource",
            "  worker 10.0.0.1:8083  → connect-test",
            "  rates: not in Kafka Connect's REST API",
            "Tasks",
            "  task 0  RUNNING  worker 10.0.0.2:8083",
            "Offsets (GET /connectors/local-file-source/offsets)",
            "  filename=/tmp/test.txt → position=8",
        ])
        #expect(text(ConnectRows.lines(remoteSource(), remoteOffsets: .some(nil))).last == "  not given by this Connect REST API")
        #expect(text(ConnectRows.lines(remoteSource(), remoteOffsets: .some([]))).last == "  none committed yet")
    }

    @Test func offsetsReadAsKafkaWritesThem() {
        #expect(ConnectRemoteView.offsetText(ConnectorOffset(partition: ["filename": .string("/tmp/test.txt")], offset: ["position": .int64(8)]))
                == "filename=/tmp/test.txt → position=8")
        #expect(ConnectRemoteView.offsetText(ConnectorOffset(partition: ["kafka_topic": .string("connect-test"), "kafka_partition": .int32(0)],
                                                             offset: ["kafka_offset": .int64(5)]))
                == "connect-test-0 → offset 5")
    }

    @Test func workersAreTheIdsTheStatusesName() {
        let snapshot = ConnectSnapshot(workers: [.init(id: "a:8083", isLeader: false, isLocal: false), .init(id: "b:8083", isLeader: false, isLocal: false)],
                                       connectors: [], mode: "remote", restURL: "http://a:8083/")
        #expect(text(ConnectRows.workers(snapshot)) == "Kafka Connect over REST · 2 workers: a:8083, b:8083 · REST http://a:8083/")
    }

    @Test func anUnansweringClusterIsOneLineWithItsTimeAndReason() throws {
        let since = try #require(Calendar.current.date(from: DateComponents(year: 2026, month: 11, day: 30, hour: 14, minute: 2, second: 11)))
        let remote = WorkbenchConnect.Remote(url: "http://h:8083/", failingSince: since, failure: "Connection refused")
        #expect(ConnectRemoteView.notAnswering(remote) == "Connect REST at http://h:8083/ not answering since 14:02:11: Connection refused")
        #expect(ConnectRemoteView.notAnswering(WorkbenchConnect.Remote(url: "http://h:8083/")) == nil)
    }

    @Test func theFormsOfferOnlyThePluginsTheClusterHas() {
        func titles(_ connect: WorkbenchConnect) -> [String] { MenuBuilder.newConnectorLevel(connect).items.map(\.title) }
        let fileOnly = WorkbenchConnect(remote: .init(url: "http://h:8083/", pluginClasses: [
            "org.apache.kafka.connect.file.FileStreamSourceConnector", "org.apache.kafka.connect.file.FileStreamSinkConnector"]))
        #expect(titles(fileOnly) == ["Create a file source…", "Create a file sink…"])
        let none = WorkbenchConnect(remote: .init(url: "http://h:8083/", pluginClasses: ["org.apache.kafka.connect.mirror.MirrorSourceConnector"]))
        #expect(MenuBuilder.newConnectorLevel(none).items.map(\.enabled) == [false])
        #expect(titles(WorkbenchConnect()) == ["Create a file source…", "Create a file sink…", "Create a generator…"])
    }
}
