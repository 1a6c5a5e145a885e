/// The selected topic's partitions: leader, epoch, high watermark, the last stable offset where an open
/// transaction holds it back, in-sync replicas, each replica's log-end offset as a bar against the high
/// watermark, and a line per replica for the selected partition.
extension FrameRenderer {
    func drawPartitions() {
        guard let rect = layout.panes[.partitions] else { return }
        let focused = isFocused(.partitions)
        guard let topic = workbench.selectedTopic else {
            canvas.box(rect, title: "Partitions", focused: focused, glyphs: glyphs)
            drawEmpty("Select a topic to see its partitions, leaders and replicas.", in: rect.inner)
            return
        }
        canvas.box(rect, title: "Partitions of \(topic.name) · RF \(topic.replicationFactor)", focused: focused,
                   glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 1 else { return }
        let header = Style(.inactiveFg, on: .mainBg, [.bold])
        let isrWidth = max(3, min(14, topic.replicationFactor * 2 - 1))
        drawCells([("P", 4, header, true), ("Leader", 6, header, false), ("Epoch", 5, header, true),
                   ("HW", 9, header, true), ("LSO", 9, header, true), ("ISR", isrWidth, header, false),
                   ("Replicas: log end vs high watermark", 0, header, false)], row: inner.row, in: inner)
        var body = inner.inset(top: 1)
        let count = topic.partitions.count
        let showLegend = body.height > count + 1
        if showLegend { body = body.inset(bottom: 1) }
        // With rows to spare, the selected partition's replicas get a line each below the table.
        let detailRows = topic.partitions.indices.contains(state.selectedPartition)
            ? topic.partitions[state.selectedPartition].replicas.count + 2 : 0
        if detailRows > 2, body.height >= count + detailRows {
            drawReplicaDetail(PartitionRow(topic.partitions[state.selectedPartition]),
                              in: Rect(row: body.bottom - detailRows + 1, col: body.col, height: detailRows - 1, width: body.width))
            body = body.inset(bottom: detailRows)
        }
        let top = updateScroll(.partitions, selected: state.selectedPartition, count: count, height: body.height)
        let fixed = 4 + 6 + 5 + 9 + 9 + isrWidth + 6  // the cells before the replicas and a space after each
        let replicaArea = max(0, inner.width - fixed)
        let factor = max(1, topic.replicationFactor)
        // Each replica cell is a mark, the broker id, the bar, and room for a "−N" when behind.
        let barWidth = max(1, min(12, replicaArea / factor - 7))
        for line in 0..<min(body.height, count - top) {
            let partition = PartitionRow(topic.partitions[top + line])
            let row = body.row + line
            let isSelected = top + line == state.selectedPartition
            let base = isSelected ? selectionStyle(focused: focused) : Style.plain
            if isSelected && focused { canvas.fill(Rect(row: row, col: body.col, height: 1, width: body.width), style: base) }
            var cells: [(String, Int, Style, Bool)] = [(String(partition.index), 4, base, true)]
            cells.append((partition.leaderText(glyphs: glyphs), 6,
                          isSelected && focused ? base : partition.leader == nil ? OfflineMark.style : Style(.leader, on: .mainBg, [.bold]), false))
            cells.append((String(partition.epoch), 5, base, true))
            cells.append((Format.count(partition.highWatermark), 9, base, true))
            cells.append((partition.lastStableText, 9, isSelected && focused ? base : Style(.warning, on: .mainBg, [.bold]), true))
            let isr = partition.isr.map(String.init).joined(separator: ",")
            cells.append((isr.isEmpty ? "-" : isr, isrWidth, isSelected && focused ? base
                            : partition.isUnderReplicated ? Style(.outOfSync) : base, false))
            drawCells(cells, row: row, in: body)
            var spans: [Span] = []
            for replica in partition.replicas {
                spans += PartitionRow.replicaSpans(replica, barWidth: barWidth, glyphs: glyphs)
            }
            let replicaCol = body.col + fixed
            canvas.put(spans, row: row, col: replicaCol, width: max(0, body.right - replicaCol))
        }
        if showLegend {
            let legend = [
                Span(glyphs.leader, Style(.leader, on: .mainBg, [.bold])), Span(" leader  ", Style(.hint)),
                Span(glyphs.follower, Style(.follower)), Span(" in sync  ", Style(.hint)),
                Span(glyphs.outOfSync, Style(.outOfSync, on: .mainBg, [.bold])), Span(" behind  ", Style(.hint)),
                OfflineMark.glyph(glyphs), Span(" offline   ", Style(.hint)),
                Span("−N: offsets behind HW", Style(.hint)),
            ] + (topic.partitions.contains { $0.pendingOffsets > 0 }
                ? [Span("   LSO: where read_committed stops", Style(.hint))] : [])
            canvas.put(legend, row: inner.bottom - 1, col: inner.col + 1, width: inner.width - 1)
        }
    }

    /// One line per replica of `partition`: role, broker, log-end offset, a bar against the high watermark.
    private func drawReplicaDetail(_ partition: PartitionRow, in area: Rect) {
        let title = "Partition \(partition.index) · epoch \(partition.epoch) · high watermark \(Format.count(partition.highWatermark))"
            + (partition.logStartOffset > 0 ? " · log start \(Format.count(partition.logStartOffset))" : "")
            + (partition.pending > 0
                ? " · last stable \(Format.count(partition.lastStableOffset)) (\(Format.count(partition.pending)) pending in open transactions)" : "")
        canvas.put(title, row: area.row, col: area.col + 1, style: Style(.title), width: area.width - 1)
        let barWidth = max(4, min(30, area.width - 52))
        for (offset, replica) in partition.replicas.enumerated() where offset + 1 < area.height {
            let role: String = switch replica.role {
            case .leader: "leader"
            case .follower: "in sync"
            case .outOfSync: "out of ISR"
            case .offline: "offline"
            }
            let bar = Bars.horizontal(replica.fill, width: barWidth, glyphs: glyphs)
            let style = PartitionRow.style(replica.role)
            var spans = [Span("  "), PartitionRow.mark(replica.role, glyphs: glyphs),
                         Span(" broker \(replica.brokerId)  ", style), Span(DisplayWidth.fit(role, to: 11), style),
                         Span("log end " + DisplayWidth.fit(replica.isLogEndKnown ? Format.count(replica.logEndOffset) : "unknown",
                                                            to: 9, alignRight: true) + "  ",
                              Style(.mainFg)),
                         Span(bar.filled, Style(replica.role == .leader || replica.role == .follower ? .barFill : style.foreground)),
                         Span(bar.empty, Style(.barEmpty))]
            if replica.behind > 0 { spans.append(Span("  \(Format.count(replica.behind)) behind", Style(.outOfSync))) }
            canvas.put(spans, row: area.row + 1 + offset, col: area.col, width: area.width)
        }
    }
}
