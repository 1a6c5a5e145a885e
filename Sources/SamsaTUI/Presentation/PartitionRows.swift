/// Rows of the partitions pane: leader, epoch, in-sync set, offsets (the last stable offset where an open
/// transaction holds it below the high watermark), and each replica's log-end offset drawn as a bar against
/// the high watermark.
struct PartitionRow: Equatable {
    enum Role: Equatable {
        case leader, follower, outOfSync, offline
    }

    struct Replica: Equatable {
        let brokerId: Int32
        let role: Role
        let logEndOffset: Int64
        /// How full its bar is: log-end offset over the high watermark (measured from the log start).
        let fill: Double
        /// How far its log-end offset is behind the high watermark (0 when caught up or unknown).
        let behind: Int64

        var isLogEndKnown: Bool { logEndOffset >= 0 }
    }

    let index: Int32
    let leader: Int32?
    let epoch: Int32
    let highWatermark: Int64
    let logStartOffset: Int64
    let lastStableOffset: Int64
    /// Offsets from the LSO to the high watermark: written, waiting on an open transaction.
    let pending: Int64
    let isr: [Int32]
    let replicas: [Replica]

    init(_ partition: PartitionStatus) {
        index = partition.index
        leader = partition.leader
        epoch = partition.leaderEpoch
        highWatermark = partition.highWatermark
        logStartOffset = partition.logStartOffset
        lastStableOffset = partition.lastStableOffset
        pending = partition.pendingOffsets
        isr = partition.inSyncReplicas
        let span = Double(max(0, partition.highWatermark - partition.logStartOffset))
        replicas = partition.replicas.map { replica in
            let role: Role = !replica.online ? .offline
                : replica.brokerId == partition.leader ? .leader
                : replica.inSync ? .follower : .outOfSync
            let have = Double(max(0, replica.logEndOffset - partition.logStartOffset))
            // An offline replica serves nothing: an empty bar and no "behind" count, whether or not its last
            // log end is known (embedded mode knows it, attach mode does not), so it looks the same in both.
            let fill = role == .offline ? 0 : span == 0 ? 1 : min(1, have / span)
            // An unknown log end (-1) is not "behind by HW+1": nobody can say how far behind it is.
            let behind = role == .offline || replica.logEndOffset < 0 ? 0 : max(0, partition.highWatermark - replica.logEndOffset)
            return Replica(brokerId: replica.brokerId, role: role, logEndOffset: replica.logEndOffset, fill: fill,
                           behind: behind)
        }
    }

    /// The LSO column: its value while an open transaction holds it below the high watermark, else blank.
    var lastStableText: String { pending > 0 ? Format.count(lastStableOffset) : "" }

    var isUnderReplicated: Bool { replicas.contains { $0.role == .outOfSync || $0.role == .offline } }

    static func mark(_ role: Role, glyphs: Glyphs) -> Span {
        switch role {
        case .leader: Span(glyphs.leader, Style(.leader, on: .mainBg, [.bold]))
        case .follower: Span(glyphs.follower, Style(.follower))
        case .outOfSync: Span(glyphs.outOfSync, Style(.outOfSync, on: .mainBg, [.bold]))
        case .offline: OfflineMark.glyph(glyphs)
        }
    }

    static func style(_ role: Role) -> Style {
        switch role {
        case .leader: Style(.leader, on: .mainBg, [.bold])
        case .follower: Style(.follower)
        case .outOfSync: Style(.outOfSync)
        case .offline: OfflineMark.style
        }
    }

    /// Leader column text: "★ 1", or "✕ none" while offline.
    func leaderText(glyphs: Glyphs) -> String {
        leader.map { "\(glyphs.leader) \($0)" } ?? "\(glyphs.offline) none"
    }

    /// One replica cell: mark, broker id, and a bar `barWidth` wide, plus "−N" when behind.
    static func replicaSpans(_ replica: Replica, barWidth: Int, glyphs: Glyphs) -> [Span] {
        let bar = Bars.horizontal(replica.fill, width: barWidth, glyphs: glyphs)
        var spans = [mark(replica.role, glyphs: glyphs), Span(String(replica.brokerId), style(replica.role))]
        if barWidth > 0 {
            spans.append(Span(bar.filled, Style(replica.role == .leader || replica.role == .follower ? .barFill : style(replica.role).foreground)))
            spans.append(Span(bar.empty, Style(.barEmpty)))
        }
        if replica.behind > 0 { spans.append(Span("−" + Format.compact(replica.behind), Style(.outOfSync))) }
        spans.append(Span(" "))
        return spans
    }
}
