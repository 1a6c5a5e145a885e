/// Rows of the live record tail and the event log.
enum StreamRows {
    /// What the tail says about a record's transaction.
    enum TailMark: Equatable {
        case none
        /// At or above its partition's LSO: an open transaction may still abort it; read_committed
        /// consumers do not see it yet.
        case pending
        /// Written in a transaction that aborted (a read_uncommitted consumer read it anyway).
        case aborted
    }

    /// `lastStable` is the LSO of the record's partition, when known.
    static func mark(_ record: TailRecord, lastStable: Int64?) -> TailMark {
        if record.aborted { return .aborted }
        if record.isolation == .readUncommitted, let lastStable, record.offset >= lastStable { return .pending }
        return .none
    }

    static func tail(_ record: TailRecord, glyphs: Glyphs, lastStable: Int64? = nil) -> [Span] {
        var spans = [
            Span(Format.clock(record.timestamp) + " ", Style(.inactiveFg)),
            Span("\(record.topic)-\(record.partition)", Style(.title)),
            Span("@\(record.offset) ", Style(.inactiveFg)),
        ]
        if let key = record.key { spans.append(Span(key + " \(glyphs.arrow) ", Style(.keyHint))) }
        switch mark(record, lastStable: lastStable) {
        case .none: spans.append(Span(record.value, Style(.mainFg)))
        case .pending:
            spans.append(Span(record.value, Style(.mainFg)))
            spans.append(Span(" [pending]", Style(.warning, on: .mainBg, [.bold])))
        case .aborted:
            spans.append(Span(record.value, Style(.inactiveFg)))
            spans.append(Span(" [aborted]", Style(.error, on: .mainBg, [.bold])))
        }
        spans.append(Span("  " + (record.group.map { "\($0)/" } ?? "") + record.consumer + " · " + record.isolation.name,
                          Style(.inactiveFg)))
        return spans
    }

    static func event(_ event: ClusterEvent, glyphs: Glyphs) -> [Span] {
        [Span(Format.clock(event.time) + " ", Style(.inactiveFg)),
         Span(label(event.kind) + " ", style(event.kind).with(.bold)),
         Span(event.text, Style(.mainFg))]
    }

    static func label(_ kind: ClusterEvent.Kind) -> String {
        switch kind {
        case .leaderElected: "leader"
        case .isrShrunk: "isr−"
        case .isrExpanded: "isr+"
        case .brokerDown: "down"
        case .brokerUp: "up"
        case .highWatermarkMoved: "hw"
        case .followerTruncated: "trunc"
        case .topicCreated: "topic+"
        case .topicDeleted: "topic−"
        case .partitionsAdded: "parts+"
        case .configChanged: "config"
        case .groupRebalanced: "rebal"
        case .offsetsReset: "reset"
        case .consumerStarted: "cons+"
        case .consumerStopped: "cons−"
        case .transactionBegan: "txn+"
        case .transactionCommitted: "commit"
        case .transactionAborted: "abort"
        case .producerFenced: "fenced"
        case .streamsStarted: "app+"
        case .streamsStopped: "app−"
        case .streamsRebalanced: "rebal"
        case .streamsRestoring: "restore"
        case .connectorCreated: "conn+"
        case .connectorChanged: "conn"
        case .connectorFailed: "failed"
        case .connectorDeleted: "conn−"
        case .other: "note"
        }
    }

    static func style(_ kind: ClusterEvent.Kind) -> Style {
        switch kind {
        case .leaderElected: Style(.leader)
        case .isrShrunk, .followerTruncated: Style(.outOfSync)
        case .isrExpanded, .brokerUp, .topicCreated, .partitionsAdded, .consumerStarted, .transactionCommitted, .streamsStarted,
             .connectorCreated: Style(.success)
        case .brokerDown, .topicDeleted, .transactionAborted, .producerFenced, .connectorFailed: Style(.offline)
        case .configChanged, .groupRebalanced, .offsetsReset, .consumerStopped, .transactionBegan, .streamsStopped,
             .streamsRebalanced, .streamsRestoring, .connectorChanged, .connectorDeleted: Style(.warning)
        case .highWatermarkMoved, .other: Style(.inactiveFg)
        }
    }
}
