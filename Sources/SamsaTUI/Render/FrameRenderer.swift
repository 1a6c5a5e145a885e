/// Draws one frame of the workbench onto a canvas. Only rows that are on screen are laid out, so a
/// frame costs the same for 10 topics or 10,000.
struct FrameRenderer {
    let workbench: Workbench
    let canvas: Canvas

    var glyphs: Glyphs { workbench.glyphs }
    var snapshot: WorkbenchSnapshot { workbench.snapshot }
    var layout: Layout { workbench.layout }
    var state: UIState { workbench.state }

    func render() {
        canvas.clear()
        if layout.isTooSmall {
            drawTooSmall()
            return
        }
        if state.browser != nil { return drawBrowser() }
        drawHeader()
        drawTopics()
        drawPartitions()
        drawGroups()
        drawTransactions()
        drawStreamsView()
        drawConnectView()
        drawTail()
        drawEvents()
        drawProducer()
        drawTour()
        drawStatus()
        drawFooter()
        drawTopicGroupViews()
        drawOverlay()
    }

    // MARK: shared helpers

    func isFocused(_ pane: PaneID) -> Bool { state.focus == pane && state.overlay == nil }

    /// The first visible row that keeps `selected` on screen, moving as little as possible from before.
    static func scrollTop(selected: Int, count: Int, height: Int, previous: Int) -> Int {
        guard height > 0, count > height else { return 0 }
        var top = min(max(0, previous), count - height)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        return max(0, top)
    }

    func updateScroll(_ pane: PaneID, selected: Int, count: Int, height: Int) -> Int {
        let top = FrameRenderer.scrollTop(selected: selected, count: count, height: height,
                                          previous: state.scroll[pane] ?? 0)
        workbench.state.scroll[pane] = top
        return top
    }

    /// The pane's title with its row count and active filter.
    func title(_ pane: PaneID, shown: Int, total: Int, extra: String = "") -> String {
        var title = pane.title + extra
        let filter = state.filter(pane)
        if !filter.isEmpty || state.editingFilter == pane {
            title += " \(shown)/\(total) /\(filter)"
        } else if total > 0 {
            title += " (\(total))"
        }
        return title
    }

    /// Row style for a selected row: full highlight in the focused pane, bold title colour elsewhere.
    func selectionStyle(focused: Bool) -> Style {
        focused ? .selected : Style(.title, on: .mainBg, [.bold])
    }

    /// Draws `spans` on a list row, replacing their colours with the selection's when selected.
    func drawRow(_ spans: [Span], row: Int, in rect: Rect, selected: Bool, focused: Bool) {
        if selected {
            let style = selectionStyle(focused: focused)
            if focused { canvas.fill(Rect(row: row, col: rect.col, height: 1, width: rect.width), style: style) }
            canvas.put(spans.map { Span($0.text, style) }, row: row, col: rect.col, width: rect.width)
        } else {
            canvas.put(spans, row: row, col: rect.col, width: rect.width)
        }
    }

    /// Fixed-width cells: (text, width, style, right-aligned). The last cell may have width 0 to take the rest.
    func drawCells(_ cells: [(String, Int, Style, Bool)], row: Int, in rect: Rect) {
        var col = rect.col
        for (index, cell) in cells.enumerated() {
            let remaining = rect.right - col
            guard remaining > 0 else { return }
            let width = index == cells.count - 1 && cell.1 == 0 ? remaining : min(cell.1, remaining)
            canvas.putPadded(cell.0, row: row, col: col, width: width, style: cell.2, alignRight: cell.3)
            col += width + 1
        }
    }

    /// A one-line hint in the middle of an empty pane.
    func drawEmpty(_ text: String, in rect: Rect) {
        guard rect.height > 0 else { return }
        let lines = TextWrap.wrap(text, width: rect.width - 2)
        for (offset, line) in lines.prefix(rect.height).enumerated() {
            canvas.put(line, row: rect.row + offset, col: rect.col + 1, style: Style(.hint), width: rect.width - 1)
        }
    }
}
