/// The topics list.
extension FrameRenderer {
    func drawTopics() {
        guard let rect = layout.panes[.topics] else { return }
        let focused = isFocused(.topics)
        let indexes = workbench.visibleIndexes(.topics)
        let hidden = workbench.hiddenTopicCount
        canvas.box(rect, title: topicsTitle(shown: indexes.count, total: snapshot.topics.count - hidden, hidden: hidden, width: rect.width - 4),
                   focused: focused, glyphs: glyphs)
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
            let empty = TopicRow.emptyList(filtered: !state.filter(.topics).isEmpty, hidden: hidden, snapshot: snapshot)
            drawEmpty(empty, in: body)
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

    /// `Topics (2) · 3 internal hidden`, shortened to fit `width` columns while still saying how many are hidden.
    func topicsTitle(shown: Int, total: Int, hidden: Int, width: Int) -> String {
        let plain = title(.topics, shown: shown, total: total)
        guard hidden > 0 else { return plain }
        let candidates = [plain + " · \(hidden) internal hidden", plain + " \(hidden) internal hidden",
                          "Topics · \(hidden) internal hidden", "Topics \(hidden) internal hidden"]
        return candidates.first { DisplayWidth.of($0) <= width } ?? candidates[candidates.count - 1]
    }
}
