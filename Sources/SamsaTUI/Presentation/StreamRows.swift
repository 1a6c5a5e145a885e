/// Rows of the live record tail and the event log.
enum StreamRows {
    static func tail(_ record: TailRecord, glyphs: Glyphs) -> [Span] {
        var spans = [
            Span(Format.clock(record.timestamp) + " ", Style(.inactiveFg)),
            Span("\(record.topic)-\(record.partition)", Style(.title)),
            Span("@\(record.offset) ", Style(.inactiveFg)),
        ]
        if let key = record.key { spans.append(Span(key + " \(glyphs.arrow) ", Style(.keyHint))) }
        spans.append(Span(record.value, Style(.mainFg)))
        spans.append(Span("  " + (record.group.map { "\($0)/" } ?? "") + record.consumer, Style(.inactiveFg)))
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
        case .groupRebalanced: "rebal"
        case .offsetsReset: "reset"
        case .consumerStarted: "cons+"
        case .consumerStopped: "cons−"
        case .other: "note"
        }
    }

    static func style(_ kind: ClusterEvent.Kind) -> Style {
        switch kind {
        case .leaderElected: Style(.leader)
        case .isrShrunk, .followerTruncated: Style(.outOfSync)
        case .isrExpanded, .brokerUp, .topicCreated, .partitionsAdded, .consumerStarted: Style(.success)
        case .brokerDown, .topicDeleted: Style(.offline)
        case .groupRebalanced, .offsetsReset, .consumerStopped: Style(.warning)
        case .highWatermarkMoved, .other: Style(.inactiveFg)
        }
    }
}
