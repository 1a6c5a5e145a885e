/// Topic detail over the panes: the partitions' logs, then every config with its value and source
/// (non-default ones first, marked ●); and a reset's preview of new offsets.
extension FrameRenderer {
    func drawTopicGroupViews() {
        if let detail = state.topicDetail { drawTopicDetail(detail) }
        if let preview = state.resetPreview { drawResetPreview(preview) }
    }

    /// A box over the panes (below the header, above the status line), cleared; returns its inside.
    private func sheet(_ rect: Rect, title: String) -> Rect {
        canvas.fill(rect, style: Style(.mainFg, on: .overlayBg))
        canvas.box(rect, title: title, focused: true, glyphs: glyphs, background: .overlayBg)
        return rect.inner.inset(left: 1, right: 1)
    }

    private func drawTopicDetail(_ detail: TopicDetailState) {
        let rect = Rect(row: 1, col: 0, height: max(3, layout.status.row - 1), width: layout.cols)
        let inner = sheet(rect, title: "Topic \(detail.topic) · configs")
        let text = Style(.mainFg, on: .overlayBg)
        let hint = Style(.hint, on: .overlayBg)
        let bold = Style(.title, on: .overlayBg, [.bold])
        let selected = detail.selectedConfig.map { "\($0.name): " } ?? ""
        canvas.put(selected + "Enter edit · d revert to default · r refresh · j/k move · Esc close", row: inner.bottom - 1,
                   col: inner.col, style: hint, width: inner.width)
        var row = inner.row
        guard let described = detail.detail else {
            canvas.put(detail.error ?? "Describing \(detail.topic)…", row: row, col: inner.col,
                       style: detail.error == nil ? hint : Style(.error, on: .overlayBg, [.bold]), width: inner.width)
            return
        }
        canvas.put(TopicConfigRows.summary(described), row: row, col: inner.col, style: bold, width: inner.width)
        row += 1
        // A few partitions' logs; the configs need the rest of the room.
        let partitionRoom = max(1, min(described.partitions.count, (inner.height - 4) / 3))
        for partition in described.partitions.prefix(partitionRoom) {
            canvas.put("  " + TopicConfigRows.partitionLine(partition), row: row, col: inner.col, style: text, width: inner.width)
            row += 1
        }
        if described.partitions.count > partitionRoom {
            canvas.put("  … \(Format.counted(described.partitions.count - partitionRoom, "more partition"))", row: row, col: inner.col,
                       style: hint, width: inner.width)
            row += 1
        }
        let nameWidth = min(42, max(16, inner.width / 3))
        let sourceWidth = 30
        let valueWidth = max(8, inner.width - nameWidth - sourceWidth - 4)
        let header = Style(.inactiveFg, on: .overlayBg, [.bold])
        let area = Rect(row: row, col: inner.col, height: 1, width: inner.width)
        drawCells([("  Config", nameWidth + 2, header, false), ("Value", valueWidth, header, false), ("Source", sourceWidth, header, false)],
                  row: row, in: area)
        row += 1
        let height = inner.bottom - 1 - row
        let rows = detail.rows
        guard height > 0, !rows.isEmpty else { return }
        let top = FrameRenderer.scrollTop(selected: detail.selected, count: rows.count, height: height, previous: detail.scroll)
        workbench.state.topicDetail?.scroll = top
        for (offset, config) in rows.dropFirst(top).prefix(height).enumerated() {
            let selected = top + offset == detail.selected
            let line = Rect(row: row + offset, col: inner.col, height: 1, width: inner.width)
            let base: Style = selected ? .selected : config.isDefault ? Style(.inactiveFg, on: .overlayBg) : Style(.mainFg, on: .overlayBg, [.bold])
            if selected { canvas.fill(line, style: base) }
            let sourceStyle: Style = selected ? base : config.isDefault ? hint : Style(.success, on: .overlayBg)
            drawCells([(config.isDefault ? " " : "●", 1, selected ? base : Style(.warning, on: .overlayBg), false),
                       (config.name + (config.isReadOnly ? " (ro)" : ""), nameWidth, base, false),
                       (config.value, valueWidth, base, false), (config.source, sourceWidth, sourceStyle, false)],
                      row: line.row, in: line)
        }
    }

    private func drawResetPreview(_ state: GroupResetPreviewState) {
        let preview = state.preview
        let height = min(layout.rows - 4, preview.rows.count + 5)
        let width = min(layout.cols - 4, 76)
        let rect = Rect(row: max(1, (layout.rows - height) / 2), col: (layout.cols - width) / 2, height: height, width: width)
        let inner = sheet(rect, title: "Reset \(preview.group) \(preview.summary) · preview")
        let header = Style(.inactiveFg, on: .overlayBg, [.bold])
        let text = Style(.mainFg, on: .overlayBg)
        let topicWidth = max(8, inner.width - 40)
        drawCells([("TOPIC", topicWidth, header, false), ("PARTITION", 9, header, true), ("CURRENT-OFFSET", 14, header, true),
                   ("NEW-OFFSET", 12, header, true)], row: inner.row, in: inner)
        let body = inner.height - 3
        for (offset, line) in preview.rows.dropFirst(state.scroll).prefix(max(0, body)).enumerated() {
            drawCells([(line.topic, topicWidth, text, false), (String(line.partition), 9, text, true),
                       (line.current.map(String.init) ?? "-", 14, text, true), (String(line.new), 12, Style(.success, on: .overlayBg, [.bold]), true)],
                      row: inner.row + 1 + offset, in: inner)
        }
        canvas.put([Span("Enter", Style(.keyHint, on: .overlayBg, [.bold])), Span(" applies (--execute) · ", text),
                    Span("Esc", Style(.keyHint, on: .overlayBg, [.bold])), Span(" cancels (nothing committed)", text)],
                   row: inner.bottom - 1, col: inner.col, width: inner.width)
    }
}
