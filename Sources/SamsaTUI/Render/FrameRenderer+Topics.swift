/// The topics list and the selected topic's partitions.
extension FrameRenderer {
    func drawTopics() {
        guard let rect = layout.panes[.topics] else { return }
        let focused = isFocused(.topics)
        let indexes = workbench.visibleIndexes(.topics)
        canvas.box(rect, title: title(.topics, shown: indexes.count, total: snapshot.topics.count), focused: focused,
                   glyphs: glyphs)
        let inner = rect.inner
        guard inner.height > 1 else { return }
        // Narrow panes drop Records, then RF, before cutting names short.
        let showRecords = inner.width - 20 >= 12, showRF = inner.width - 12 >= 10
        let nameWidth = max(6, inner.width - 9 - (showRecords ? 8 : 0) - (showRF ? 3 : 0))
        func columns(_ name: String, _ partitions: String, _ rf: String, _ records: String, _ health: String,
                 _ style: Style, _ healthStyle: Style) -> [(String, Int, Style, Bool)] {
            var cells = [(name, nameWidth, style, false), (partitions, 3, style, true)]
            if showRF { cells.append((rf, 2, style, true)) }
            if showRecords { cells.append((records, 7, style, true)) }
            cells.append((health, 4, healthStyle, false))
            return cells
        }
        let header = Style(.inactiveFg, on: .mainBg, [.bold])
        drawCells(columns("Topic", "P", "RF", "Records", "", header, header), row: inner.row, in: inner)
        let body = inner.inset(top: 1)
        guard !indexes.isEmpty else {
            drawEmpty(snapshot.topics.isEmpty ? "No topics yet. Press c to create one." : "No topic matches the filter.", in: body)
            return
        }
        let selected = indexes.firstIndex { snapshot.topics[$0].name == state.selectedTopic } ?? 0
        let top = updateScroll(.topics, selected: selected, count: indexes.count, height: body.height)
        for line in 0..<min(body.height, indexes.count - top) {
            let row = TopicRow(snapshot.topics[indexes[top + line]])
            let cells = row.cells(glyphs: glyphs)
            let isSelected = top + line == selected
            let style = isSelected ? selectionStyle(focused: focused) : Style(row.isInternal ? .inactiveFg : .mainFg)
            if isSelected && focused {
                canvas.fill(Rect(row: body.row + line, col: body.col, height: 1, width: body.width), style: style)
            }
            drawCells(columns(cells.name, cells.partitions, cells.rf, cells.records, cells.health.text, style,
                              isSelected && focused ? style : cells.health.style), row: body.row + line, in: body)
        }
    }

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
                   ("HW", 9, header, true), ("ISR", isrWidth, header, false),
                   ("Replicas: log end vs high watermark", 0, header, false)], row: inner.row, in: inner)
        var body = inner.inset(top: 1)
        let count = topic.partitions.count
        let showLegend = body.height > count + 1
        if showLegend { body = body.inset(bottom: 1) }
        let top = updateScroll(.partitions, selected: state.selectedPartition, count: count, height: body.height)
        let replicaArea = max(0, inner.width - (4 + 6 + 5 + 9 + isrWidth + 5))
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
            cells.append((partition.leader.map { "\(glyphs.leader) \($0)" } ?? "none", 6,
                          isSelected && focused ? base : partition.leader == nil ? Style(.offline, on: .mainBg, [.bold]) : Style(.leader, on: .mainBg, [.bold]), false))
            cells.append((String(partition.epoch), 5, base, true))
            cells.append((Format.count(partition.highWatermark), 9, base, true))
            let isr = partition.isr.map(String.init).joined(separator: ",")
            cells.append((isr.isEmpty ? "-" : isr, isrWidth, isSelected && focused ? base
                            : partition.isUnderReplicated ? Style(.outOfSync) : base, false))
            drawCells(cells, row: row, in: body)
            var spans: [Span] = []
            for replica in partition.replicas {
                spans += PartitionRow.replicaSpans(replica, barWidth: barWidth, glyphs: glyphs)
            }
            let replicaCol = body.col + 4 + 6 + 5 + 9 + isrWidth + 5
            canvas.put(spans, row: row, col: replicaCol, width: max(0, body.right - replicaCol))
        }
        if showLegend {
            let legend = [
                Span(glyphs.leader, Style(.leader, on: .mainBg, [.bold])), Span(" leader  ", Style(.hint)),
                Span(glyphs.follower, Style(.follower)), Span(" in sync  ", Style(.hint)),
                Span(glyphs.outOfSync, Style(.outOfSync, on: .mainBg, [.bold])), Span(" behind  ", Style(.hint)),
                Span(glyphs.offline, Style(.offline, on: .mainBg, [.bold])), Span(" offline   ", Style(.hint)),
                Span("−N: offsets behind HW", Style(.hint)),
            ]
            canvas.put(legend, row: inner.bottom - 1, col: inner.col + 1, width: inner.width - 1)
        }
    }
}
