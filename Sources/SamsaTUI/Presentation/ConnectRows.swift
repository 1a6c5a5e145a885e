import SamsaConnect

/// The rows of the Connect view, pure functions of the herder's snapshot: the worker(s), one line per
/// connector, then the selected connector in detail — state (a failure with its trace's first line), topics,
/// records in and out with their rates, each task with its worker, source offsets or sink lag, and the
/// last lines of its file.
enum ConnectRows {
    /// Records moved by a connector's tasks, summed.
    struct Totals: Equatable {
        var recordsIn: Int64 = 0
        var recordsOut: Int64 = 0
        var inPerSecond: Double = 0
        var outPerSecond: Double = 0
        var failed: Int64 = 0
    }

    static func totals(_ connector: ConnectSnapshot.ConnectorEntry) -> Totals {
        connector.tasks.reduce(into: Totals()) { sum, task in
            sum.recordsIn += task.recordsIn
            sum.recordsOut += task.recordsOut
            sum.inPerSecond += task.recordsInPerSecond
            sum.outPerSecond += task.recordsOutPerSecond
            sum.failed += task.recordsFailed
        }
    }

    /// `standalone worker host:workbench (here) · REST http://…`, or for a group
    /// `group connect-cluster · 2 workers: a:8083 (leader), b:8083 (here)`.
    static func workers(_ snapshot: ConnectSnapshot) -> [Span] {
        let names = snapshot.workers.map { worker in
            worker.id + [worker.isLeader ? "leader" : nil, worker.isLocal ? "here" : nil].compactMap { $0 }.parenthesized
        }
        var spans: [Span]
        if snapshot.mode == "remote" {
            spans = [Span("Kafka Connect over REST · " + Format.counted(names.count, "worker") + (names.isEmpty ? "" : ": "), Style(.inactiveFg)),
                     Span(names.joined(separator: ", "), Style(.mainFg))]
        } else if snapshot.mode == "standalone" {
            spans = [Span("standalone worker ", Style(.inactiveFg)), Span(names.joined(separator: ", "), Style(.title))]
        } else {
            spans = [Span("group ", Style(.inactiveFg)), Span(snapshot.mode, Style(.title)),
                     Span(" · " + Format.counted(names.count, "worker") + (names.isEmpty ? "" : ": "), Style(.inactiveFg)),
                     Span(names.joined(separator: ", "), Style(.mainFg))]
        }
        if let url = snapshot.restURL { spans.append(Span(" · REST " + url, Style(.inactiveFg))) }
        return spans
    }

    /// `local-file-source  source  FileStreamSourceConnector  RUNNING  → connect-test  1/1 tasks running  in 1.5/s  out 1.5/s`
    /// Over REST (`rates` false) the rates are left out: Kafka Connect's REST API has no record counts.
    static func listRow(_ connector: ConnectSnapshot.ConnectorEntry, rates: Bool = true) -> [Span] {
        let totals = totals(connector)
        let running = connector.tasks.filter { $0.state == .running }.count
        var spans = [Span(connector.name, Style(.title)), Span("  " + connector.type.rawValue, Style(.inactiveFg)),
                     Span("  " + shortClass(connector.className), Style(.mainFg)),
                     Span("  " + connector.state.rawValue, stateStyle(connector.state)),
                     Span("  " + flow(connector), Style(.mainFg)),
                     Span("  \(running)/\(connector.tasks.count) " + (connector.tasks.count == 1 ? "task" : "tasks") + " running", Style(.inactiveFg))]
        guard rates else { return spans }
        spans.append(Span("  in " + StreamsDetail.rate(totals.inPerSecond) + "/s  out " + StreamsDetail.rate(totals.outPerSecond) + "/s", Style(.mainFg)))
        if totals.failed > 0 { spans.append(Span("  failed " + Format.count(totals.failed), Style(.error))) }
        return spans
    }

    /// The selected connector in detail; `file` is the tail of the file in its `file` setting.
    /// `remoteOffsets`: the connector is on a Connect cluster seen over REST; its offsets as `GET …/offsets`
    /// gave them (nil when it gave none) stand in for the counts and rates the REST API does not have.
    static func lines(_ connector: ConnectSnapshot.ConnectorEntry, file: WorkbenchConnect.FileTail? = nil,
                      remoteOffsets: [String]?? = nil) -> [[Span]] {
        let totals = totals(connector)
        var lines: [[Span]] = [
            [Span(connector.name, Style(.title, on: .mainBg, [.bold])), Span("  " + connector.state.rawValue, stateStyle(connector.state).with(.bold)),
             Span("  \(connector.type.rawValue) connector " + connector.className, Style(.inactiveFg))],
            [Span("  worker " + connector.workerId, Style(.follower)), Span("  " + flow(connector), Style(.mainFg))],
        ]
        if connector.state == .failed, let trace = firstLine(connector.trace) { lines.append(failure(trace, indent: "  ")) }
        if let remoteOffsets {
            lines.append([Span("  " + ConnectRemoteView.noRates, Style(.inactiveFg))])
            lines.append(StreamsDetail.heading("Tasks"))
            lines += connector.tasks.isEmpty ? [StreamsDetail.note("no tasks")] : connector.tasks.sorted { $0.id < $1.id }.flatMap(remoteTask)
            lines.append(StreamsDetail.heading("Offsets (GET /connectors/\(connector.name)/offsets)"))
            let shown = remoteOffsets ?? []
            lines += shown.isEmpty ? [StreamsDetail.note(remoteOffsets == nil ? "not given by this Connect REST API" : "none committed yet")]
                : shown.map { [Span("  " + DisplayWidth.sanitize($0), Style(.mainFg))] }
            if let file { lines += fileLines(file, type: connector.type) }
            return lines
        }
        lines.append(records(in: totals.recordsIn, totals.inPerSecond, out: totals.recordsOut, totals.outPerSecond, failed: totals.failed, indent: "  "))
        lines.append(StreamsDetail.heading("Tasks"))
        lines += connector.tasks.isEmpty ? [StreamsDetail.note("no tasks")] : connector.tasks.sorted { $0.id < $1.id }.flatMap { task($0, of: connector) }
        if let file { lines += fileLines(file, type: connector.type) }
        return lines
    }

    /// `task 0  RUNNING  worker w  in 3 (1.5/s)  out 3 (1.5/s)`, then its offsets (source) or lag (sink), and
    /// a failure's first line.
    static func task(_ task: ConnectSnapshot.TaskEntry, of connector: ConnectSnapshot.ConnectorEntry) -> [[Span]] {
        var lines: [[Span]] = [[Span("  task \(task.id)", Style(.title, on: .mainBg, [.bold])), Span("  " + task.state.rawValue, stateStyle(task.state)),
                                Span("  worker " + task.workerId, Style(.follower))]
                               + records(in: task.recordsIn, task.recordsInPerSecond, out: task.recordsOut, task.recordsOutPerSecond,
                                         failed: task.recordsFailed, indent: "  ")]
        if task.state == .failed, let trace = firstLine(task.trace) { lines.append(failure(trace, indent: "      ")) }
        switch connector.type {
        case .sink:
            if let lag = task.lag { lines.append([Span("      lag ", Style(.inactiveFg)), Span(Format.count(lag), StreamsDetail.lagStyle(lag))]) }
        default:
            let offsets = task.sourceOffsets.isEmpty ? "none committed yet" : task.sourceOffsets.joined(separator: " · ")
            lines.append([Span("      source offsets ", Style(.inactiveFg)), Span(offsets, Style(.mainFg))])
        }
        return lines
    }

    /// Over REST a task is its state, worker and failure: no counts, offsets are the connector's.
    static func remoteTask(_ task: ConnectSnapshot.TaskEntry) -> [[Span]] {
        var lines: [[Span]] = [[Span("  task \(task.id)", Style(.title, on: .mainBg, [.bold])), Span("  " + task.state.rawValue, stateStyle(task.state)),
                                Span("  worker " + task.workerId, Style(.follower))]]
        if task.state == .failed, let trace = firstLine(task.trace) { lines.append(failure(trace, indent: "      ")) }
        return lines
    }

    /// `File /d/test.sink.txt (last 8 lines)` and the lines, or why there are none.
    static func fileLines(_ file: WorkbenchConnect.FileTail, type: ConnectorType) -> [[Span]] {
        let role = type == .sink ? "written" : "read"
        guard file.exists else { return [StreamsDetail.heading("File \(file.path)"), StreamsDetail.note("not there yet: nothing \(role)")] }
        let count = file.lines.count
        var lines = [StreamsDetail.heading("File \(file.path)" + (count == 0 ? "" : " (last \(Format.counted(count, "line")))"))]
        lines += file.lines.isEmpty ? [StreamsDetail.note("empty")] : file.lines.map { [Span("  " + DisplayWidth.sanitize($0), Style(.mainFg))] }
        return lines
    }

    /// The first non-empty line of a stack trace (Kafka's status `trace` is the whole trace).
    static func firstLine(_ trace: String?) -> String? {
        trace?.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// `org.apache.kafka.connect.file.FileStreamSourceConnector` → `FileStreamSourceConnector`.
    static func shortClass(_ className: String) -> String {
        className.split(separator: ".").last.map(String.init) ?? className
    }

    /// `→ connect-test` for a source (the topic it writes), `connect-test →` for a sink (the topics it reads).
    static func flow(_ connector: ConnectSnapshot.ConnectorEntry) -> String {
        let topics = connector.topics.isEmpty ? "(no topic yet)" : connector.topics.joined(separator: ", ")
        return connector.type == .sink ? topics + " →" : "→ " + topics
    }

    static func stateStyle(_ state: ConnectState) -> Style {
        switch state {
        case .running: Style(.success)
        case .paused, .unassigned, .restarting: Style(.warning)
        case .failed: Style(.error)
        case .stopped, .destroyed: Style(.inactiveFg)
        }
    }

    private static func records(in recordsIn: Int64, _ inRate: Double, out recordsOut: Int64, _ outRate: Double, failed: Int64,
                                indent: String) -> [Span] {
        [Span(indent + "in " + Format.count(recordsIn) + " (" + StreamsDetail.rate(inRate) + "/s)", Style(.mainFg)),
         Span(" · out " + Format.count(recordsOut) + " (" + StreamsDetail.rate(outRate) + "/s)", Style(.mainFg)),
         Span(" · failed " + Format.count(failed), failed > 0 ? Style(.error) : Style(.inactiveFg))]
    }

    private static func failure(_ trace: String, indent: String) -> [Span] {
        [Span(indent + "FAILED: ", Style(.error, on: .mainBg, [.bold])), Span(DisplayWidth.sanitize(trace), Style(.error))]
    }
}

private extension Array where Element == String {
    /// `["leader", "here"]` → ` (leader, here)`; empty → ``.
    var parenthesized: String { isEmpty ? "" : " (" + joined(separator: ", ") + ")" }
}
