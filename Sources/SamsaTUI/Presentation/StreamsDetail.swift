import Foundation
import SamsaProtocol
import SamsaStreams

/// The rows of the Streams view: one line per application, then the selected one in detail — its state
/// and rates, topology, tasks (partitions, thread, restore progress), stores' top entries, the group's
/// members with the partitions each owns, and its internal topics.
enum StreamsDetail {
    /// `streams-wordcount  RUNNING  12.5/s  lag 3  here`
    static func listRow(_ app: StreamsApplication) -> [Span] {
        var spans = [Span(app.id, Style(.title)), Span("  "), Span(app.stateName, stateStyle(app.stateName))]
        if let snapshot = app.local?.snapshot { spans.append(Span("  " + rate(snapshot.processedPerSecond) + "/s", Style(.mainFg))) }
        if let lag = app.inputLag { spans.append(Span("  lag \(Format.count(lag))", lagStyle(lag))) }
        if let group = app.group { spans.append(Span("  " + Format.counted(group.members.count, "member"), Style(.inactiveFg))) }
        spans.append(Span(app.local != nil ? "  started here" : "  on the cluster", Style(.inactiveFg)))
        return spans
    }

    /// Everything in one column: the summary, what changes as records flow (stores first: the counts),
    /// the topology, then what the group shows.
    static func lines(_ app: StreamsApplication, glyphs: Glyphs) -> [[Span]] {
        summary(app) + live(app, glyphs: glyphs) + topology(app, glyphs: glyphs) + cluster(app)
    }

    /// Two columns for a wide pane: the summary and topology on the left, stores, tasks, members and
    /// internal topics on the right.
    static func columns(_ app: StreamsApplication, glyphs: Glyphs) -> (left: [[Span]], right: [[Span]]) {
        (summary(app) + topology(app, glyphs: glyphs), live(app, glyphs: glyphs) + cluster(app))
    }

    /// The runtime's topology for an app running here, else the one its group's members published; a
    /// group whose members publish none (Kafka's Java client) says so.
    static func topology(_ app: StreamsApplication, glyphs: Glyphs) -> [[Span]] {
        if app.local != nil && app.local?.snapshot == nil { return [] }
        guard let topology = app.local?.snapshot?.topology ?? app.publishedTopology else {
            return app.members.isEmpty ? [] : [heading("Topology"), note("topology not published by this client")]
        }
        return [heading("Topology")] + TopologyGraph.lines(topology, glyphs: glyphs).map { [Span("  ")] + $0 }
    }

    /// The runtime's stores (top entries) and tasks (with restore progress), for an app running here.
    static func live(_ app: StreamsApplication, glyphs: Glyphs) -> [[Span]] {
        guard let snapshot = app.local?.snapshot else { return [] }
        var lines = [heading("Stores")]
        lines += snapshot.stores.isEmpty ? [note("no state stores")] : snapshot.stores.sorted { ($0.name, $0.task) < ($1.name, $1.task) }.map(store)
        lines.append(heading("Tasks"))
        lines += snapshot.tasks.isEmpty ? [note("no tasks assigned yet")] : snapshot.tasks.flatMap { task($0, in: snapshot, glyphs: glyphs) }
        return lines
    }

    /// What the cluster shows: the group's members with their partitions and lag, the internal topics.
    static func cluster(_ app: StreamsApplication) -> [[Span]] {
        var lines: [[Span]] = []
        if let group = app.group {
            lines.append(heading("Members (group \(group.id), \(group.state.name))"))
            lines += app.members.isEmpty ? [note("no members: the application is not running")]
                : app.members.flatMap { member($0, topology: app.publishedTopology, applicationId: app.id) }
            if !app.lagByTopic.isEmpty {
                lines.append([Span("  lag ", Style(.inactiveFg))]
                             + app.lagByTopic.flatMap { [Span($0.topic + " ", Style(.mainFg)), Span(Format.count($0.lag) + "  ", lagStyle($0.lag))] })
            }
        }
        if !app.internalTopics.isEmpty {
            lines.append(heading("Internal topics"))
            lines += app.internalTopics.map { topic in
                [Span("  " + topic.name, Style(.title)), Span(" · " + Format.counted(topic.partitions.count, "partition")
                                                             + " · " + Format.counted(Int(clamping: topic.recordCount), "record"), Style(.inactiveFg))]
            }
        }
        return lines
    }

    static func summary(_ app: StreamsApplication) -> [[Span]] {
        var first = [Span(app.id, Style(.title, on: .mainBg, [.bold])), Span("  "), Span(app.stateName, stateStyle(app.stateName).with(.bold))]
        var lines: [[Span]] = []
        if let local = app.local {
            first.append(Span("  \(local.launch.demo.title), \(local.launch.guarantee.rawValue), started here", Style(.inactiveFg)))
            lines.append(first)
            lines.append([Span("  " + local.launch.inputTopics.joined(separator: ", "), Style(.title)), Span(" → ", Style(.inactiveFg)),
                          Span(local.launch.outputTopic, Style(.title))])
        } else {
            // On a line of its own: in the two-column layout the first line has only half the width.
            lines.append(first)
            lines.append(note("seen through its consumer group (assignor \"\(StreamsApplication.assignorName)\")"))
        }
        guard let snapshot = app.local?.snapshot else {
            if app.local != nil { lines.append(note("starting…")) }
            return lines
        }
        let lag = snapshot.inputLag.values.reduce(0) { $0 + max(0, $1) }
        let dropped = snapshot.dropped.values.reduce(0, +)
        var rates = [Span("  " + rate(snapshot.processedPerSecond) + " records/s", Style(.success)),
                     Span(" · " + Format.count(snapshot.processedTotal) + " processed", Style(.mainFg)),
                     Span(" · input lag " + Format.count(lag), lagStyle(lag)),
                     Span(" · dropped " + Format.count(dropped), dropped > 0 ? Style(.warning) : Style(.inactiveFg))]
        if dropped > 0 {
            let reasons = DroppedRecordReason.allCases.compactMap { reason in
                snapshot.dropped[reason].flatMap { $0 > 0 ? "\(reason.rawValue) \(Format.count($0))" : nil }
            }
            rates.append(Span(" (" + reasons.joined(separator: ", ") + ")", Style(.warning)))
        }
        lines.append(rates)
        return lines
    }

    /// `0_1  streams-plaintext-input-1 (lag 2)  StreamThread-1  12 processed`, then a bar per store restoring.
    static func task(_ task: StreamsSnapshot.TaskInfo, in snapshot: StreamsSnapshot, glyphs: Glyphs) -> [[Span]] {
        let partitions = task.partitions.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }.map { tp in
            "\(tp.topic)-\(tp.partition)" + (snapshot.inputLag[tp].map { " (lag \(Format.count($0)))" } ?? "")
        }
        var lines: [[Span]] = [[Span("  " + task.id.description, Style(.title, on: .mainBg, [.bold])), Span("  " + partitions.joined(separator: ", "), Style(.mainFg)),
                                Span("  " + threadName(task.thread), Style(.follower)), Span("  " + Format.count(task.processed) + " processed", Style(.inactiveFg))]]
        // A store with nothing to restore (a new application) has no bar.
        for progress in task.restoring where progress.total > 0 {
            lines.append(restore(progress, glyphs: glyphs))
        }
        return lines
    }

    /// `restoring counts-store ████▌···· 45% 450/1,000 from app-counts-store-changelog-0`
    static func restore(_ progress: StreamsSnapshot.RestoreProgress, glyphs: Glyphs) -> [Span] {
        let fraction = progress.total > 0 ? Double(progress.restored) / Double(progress.total) : 1
        let bar = Bars.horizontal(fraction, width: 12, glyphs: glyphs)
        let percent = Int((min(1, max(0, fraction)) * 100).rounded(.down))
        return [Span("      " + (progress.done ? "restored " : "restoring ") + progress.store + " ", Style(progress.done ? .success : .warning)),
                Span(bar.filled, Style(.barFill)), Span(bar.empty, Style(.barEmpty)),
                Span(" \(percent)% \(Format.count(progress.restored))/\(Format.count(progress.total))", Style(.mainFg)),
                Span(" from \(progress.changelog.topic)-\(progress.changelog.partition)", Style(.inactiveFg))]
    }

    /// `counts-store 1_0 · 12 keys: kafka 3 · streams 2`
    static func store(_ store: StreamsSnapshot.StoreInfo) -> [Span] {
        var spans = [Span("  " + store.name, Style(.follower)), Span(" " + store.task.description, Style(.inactiveFg)),
                     Span(" · " + Format.counted(store.approximateCount, "key") + (store.topEntries.isEmpty ? "" : ":"), Style(.inactiveFg))]
        for (index, entry) in store.topEntries.enumerated() {
            spans.append(Span((index == 0 ? " " : " · ") + DisplayWidth.sanitize(entry.key) + " ", Style(.mainFg)))
            spans.append(Span(DisplayWidth.sanitize(entry.value), Style(.title)))
        }
        return spans
    }

    /// `client-id @ host`, then one row per task its assignment names (`1_0: app-store-repartition-0`), or,
    /// when the assignment does not name them (Kafka's Java client), one per partition number it owns.
    static func member(_ streamsMember: StreamsGroupMember, topology: TopologyDescription?, applicationId: String) -> [[Span]] {
        let member = streamsMember.member
        guard let tasks = streamsMember.tasks else { return self.member(member) }
        var lines: [[Span]] = [[Span("  " + member.clientId, Style(.mainFg)), Span(" @ " + member.host, Style(.inactiveFg)),
                                Span(tasks.isEmpty ? "  no tasks" : "  " + Format.counted(tasks.count, "task"), Style(.inactiveFg))]]
        for task in tasks {
            let partitions = streamsMember.partitions(of: task, topology: topology, applicationId: applicationId)
            lines.append([Span("    " + task.description + ": ", Style(.title)),
                          Span(partitions.map { "\($0.topic)-\($0.partition)" }.joined(separator: ", "), Style(.mainFg))])
        }
        return lines
    }

    /// `client-id @ host`, then one row per partition number it owns with its topics.
    static func member(_ member: GroupMember) -> [[Span]] {
        var lines: [[Span]] = [[Span("  " + member.clientId, Style(.mainFg)), Span(" @ " + member.host, Style(.inactiveFg)),
                                Span(member.isIdle ? "  no tasks" : "  " + Format.counted(StreamsApplication.taskGroups(member).count, "partition group"),
                                     Style(.inactiveFg))]]
        for group in StreamsApplication.taskGroups(member) {
            lines.append([Span("    partition \(group.partition): ", Style(.title)), Span(group.topics.joined(separator: ", "), Style(.mainFg))])
        }
        return lines
    }

    /// The part of a thread name after the process id: `StreamThread-1`.
    static func threadName(_ thread: String) -> String {
        guard let range = thread.range(of: "StreamThread-", options: .backwards) else { return thread }
        return String(thread[range.lowerBound...])
    }

    static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite, perSecond > 0 else { return "0" }
        return perSecond >= 100 ? Format.count(Int64(perSecond.rounded())) : String(format: "%.1f", perSecond)
    }

    static func stateStyle(_ name: String) -> Style {
        switch name {
        case "RUNNING", "Stable": Style(.success)
        case "REBALANCING", "PreparingRebalance", "CompletingRebalance", "PENDING_SHUTDOWN", "STARTING", "CREATED": Style(.warning)
        case "ERROR": Style(.error)
        default: Style(.inactiveFg)
        }
    }

    static func lagStyle(_ lag: Int64) -> Style { lag > 0 ? Style(.lagHigh) : Style(.lagLow) }

    static func heading(_ text: String) -> [Span] { [Span(text, Style(.title, on: .mainBg, [.bold, .underline]))] }
    static func note(_ text: String) -> [Span] { [Span("  " + text, Style(.inactiveFg))] }
}
