import Foundation
import SamsaConnect
@testable import SamsaTUI

/// The quick start's file source and sink on a standalone worker, and a failed generator, as the herder's
/// snapshot shows them.
enum ConnectFixtures {
    static let directory = "/tmp/wb/connect"
    static let worker = "wb-host:workbench"

    static func source(state: ConnectState = .running, offsets: [String] = ["\(directory)/test.txt: position 8"]) -> ConnectSnapshot.ConnectorEntry {
        .init(name: "local-file-source", type: .source, className: "org.apache.kafka.connect.file.FileStreamSourceConnector", state: state,
              workerId: worker, topics: ["connect-test"], tasks: [
                .init(id: 0, state: state, workerId: worker, recordsIn: 2, recordsOut: 2, recordsInPerSecond: 1.5,
                      recordsOutPerSecond: 1.5, sourceOffsets: offsets),
              ])
    }

    static func sink(lag: Int64 = 0) -> ConnectSnapshot.ConnectorEntry {
        .init(name: "local-file-sink", type: .sink, className: "org.apache.kafka.connect.file.FileStreamSinkConnector", state: .running,
              workerId: worker, topics: ["connect-test"], tasks: [
                .init(id: 0, state: .running, workerId: worker, recordsIn: 2, recordsOut: 2, recordsInPerSecond: 0.5,
                      recordsOutPerSecond: 0.5, lag: lag),
              ])
    }

    static let trace = "org.apache.kafka.connect.errors.ConnectException: quickstart nope is unknown\n\tat Generator.start(Generator.swift:42)"

    static func failedGenerator() -> ConnectSnapshot.ConnectorEntry {
        .init(name: "datagen-users", type: .source, className: "io.confluent.kafka.connect.datagen.DatagenConnector", state: .running,
              workerId: worker, topics: ["users"], tasks: [
                .init(id: 0, state: .failed, workerId: worker, trace: trace, recordsIn: 10, recordsOut: 7, recordsFailed: 3),
                .init(id: 1, state: .running, workerId: worker, recordsIn: 5, recordsOut: 5, recordsInPerSecond: 2, recordsOutPerSecond: 2),
              ])
    }

    static func herder(_ connectors: [ConnectSnapshot.ConnectorEntry] = [source(), sink()]) -> ConnectSnapshot {
        ConnectSnapshot(workers: [.init(id: worker, isLeader: true, isLocal: true)], connectors: connectors)
    }

    static func connect(_ connectors: [ConnectSnapshot.ConnectorEntry] = [source(), sink()], sinkLines: [String] = ["foo", "bar"]) -> WorkbenchConnect {
        WorkbenchConnect(snapshot: herder(connectors), directory: directory, files: [
            "local-file-source": .init(path: "\(directory)/test.txt", lines: ["foo", "bar"]),
            "local-file-sink": .init(path: "\(directory)/test.sink.txt", lines: sinkLines),
        ])
    }
}

extension WorkbenchSnapshot {
    func with(connect: WorkbenchConnect, version: UInt64? = nil) -> WorkbenchSnapshot {
        WorkbenchSnapshot(version: version ?? self.version, clusterId: clusterId, mode: mode, brokers: brokers, topics: topics,
                          groups: groups, events: events, tail: tail, consumers: consumers, transactions: transactions, streams: streams,
                          connect: connect)
    }
}
