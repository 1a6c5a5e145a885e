/// The record browser, drawn over the whole screen: a title line with where it reads, the table of loaded
/// rows (or one record whole), a status line (search count, errors, what is typed), the browser's keys.
extension FrameRenderer {
    func drawBrowser() {
        guard var browser = state.browser else { return }
        let rows = canvas.rows, cols = canvas.cols
        canvas.fill(Rect(row: 0, col: 0, height: 1, width: cols), style: Style(.headerFg, on: .headerBg))
        canvas.put(browserTitle(browser), row: 0, col: 1, style: Style(.headerFg, on: .headerBg, [.bold]), width: cols - 2)
        let body = Rect(row: 1, col: 0, height: max(0, rows - 3), width: cols)
        switch browser.mode {
        case .detail(let scroll):
            drawDetail(&browser, scroll: scroll, in: body)
        default:
            drawBrowserTable(&browser, in: body)
        }
        drawBrowserStatus(&browser, row: rows - 2, width: cols)
        drawBrowserFooter(row: rows - 1, width: cols)
        if case .form(let form) = browser.mode { drawBrowserForm(form) }
        workbench.state.browser = browser
    }

    private func browserTitle(_ browser: RecordBrowser) -> String {
        let model = browser.model
        var parts = [browser.title, "from \(model.seek.label)"]
        if model.lanes.allSatisfy(\.located) {
            let start = model.lanes.map(\.start).min() ?? 0, end = model.lanes.map(\.end).max() ?? 0
            parts.append(model.isTopic ? "\(Format.counted(Int(model.totalRecords), "record"))"
                         : "offsets \(start)–\(end) (\(Format.counted(Int(model.totalRecords), "record")))")
        }
        if model.follow { parts.append("following") }
        if model.isLoading { parts.append("reading…") }
        return parts.joined(separator: " · ")
    }

    private func drawBrowserTable(_ browser: inout RecordBrowser, in rect: Rect) {
        guard rect.height > 1 else { return }
        let model = browser.model
        let columns = BrowserRows.columns(width: rect.width - 1, showsPartition: model.isTopic,
                                          maxOffset: model.lanes.map(\.end).max() ?? 0)
        drawCells(BrowserRows.header(columns), row: rect.row, in: rect.inset(left: 1, right: 0))
        let height = rect.height - 1
        browser.height = height
        let shown = model.shown
        if shown.isEmpty {
            let text = model.error ?? (model.isLoading || model.landing != nil ? "Reading…"
                : "No records here: the partition\(model.isTopic ? "s are" : " is") empty from \(model.seek.label). s seeks elsewhere.")
            drawEmpty(text, in: Rect(row: rect.row + 1, col: 0, height: height, width: rect.width))
            return
        }
        let selected = (model.cursor ?? shown.lowerBound) - shown.lowerBound
        let top = FrameRenderer.scrollTop(selected: selected, count: shown.count, height: height, previous: browser.top)
        browser.top = top
        let matches = Set(browser.filter == nil ? [] : browser.matches())
        for line in 0..<min(height, shown.count - top) {
            let index = shown.lowerBound + top + line
            let row = rect.row + 1 + line
            let record = model.rows[index]
            let isSelected = index == model.cursor
            var cells = BrowserRows.cells(record, columns)
            if isSelected {
                canvas.fill(Rect(row: row, col: 0, height: 1, width: rect.width), style: .selected)
                cells = cells.map { ($0.0, $0.1, Style.selected, $0.3) }
            }
            canvas.put(matches.contains(index) ? "▸" : " ", row: row, col: 0,
                       style: isSelected ? .selected : Style(.filterMatch, on: .mainBg, [.bold]), width: 1)
            drawCells(cells, row: row, in: Rect(row: row, col: 1, height: 1, width: rect.width - 1))
        }
    }

    private func drawDetail(_ browser: inout RecordBrowser, scroll: Int, in rect: Rect) {
        guard let record = browser.model.selected else { return }
        let lines = browser.detailCache.lines(record, width: rect.width - 2)
        let first = min(scroll, max(0, lines.count - rect.height))
        for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            canvas.put(line, row: rect.row + offset, col: 1, width: rect.width - 2)
        }
    }

    private func drawBrowserStatus(_ browser: inout RecordBrowser, row: Int, width: Int) {
        if case .filter(let text) = browser.mode {
            canvas.put([Span("Search: ", Style(.filterMatch, on: .mainBg, [.bold])), Span(text, Style(.mainFg)), Span("▏", Style(.borderFocus)),
                        Span("   text · k:key · v:value · /regex/ · h:name[=value]   Enter finds · Esc clears", Style(.hint))],
                       row: row, col: 1, width: width - 1)
            return
        }
        if let status = state.status {
            let style: Style = status.kind == .error ? Style(.error, on: .mainBg, [.bold]) : status.kind == .success ? Style(.success) : Style(.hint)
            canvas.put(status.text, row: row, col: 1, style: style, width: width - 1)
            return
        }
        if let error = browser.model.error {
            canvas.put(error, row: row, col: 1, style: Style(.error, on: .mainBg, [.bold]), width: width - 1)
            return
        }
        var parts: [String] = []
        if let summary = browser.matchSummary() { parts.append(summary) }
        if let cursor = browser.model.cursor {
            let record = browser.model.rows[cursor]
            parts.append("\(record.topic)-\(record.partition)@\(record.offset)")
        }
        parts.append("\(Format.counted(browser.model.shown.count, "row")) loaded")
        canvas.put(parts.joined(separator: " · "), row: row, col: 1, style: Style(.hint), width: width - 1)
    }

    private func drawBrowserFooter(row: Int, width: Int) {
        canvas.fill(Rect(row: row, col: 0, height: 1, width: width), style: Style(.headerFg, on: .headerBg))
        var spans: [Span] = [Span(" ")]
        for binding in workbench.keyMap.bindings where binding.scope == .browser && binding.inFooter {
            spans.append(Span(binding.keyLabel, Style(.keyHint, on: .headerBg, [.bold])))
            spans.append(Span(" " + binding.hint + "  ", Style(.headerFg, on: .headerBg)))
        }
        canvas.put(spans, row: row, col: 0, width: width)
    }

    private func drawBrowserForm(_ form: BrowserForm) {
        let labelWidth = (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 8) + 2
        let w = min(76, canvas.cols - 4), h = min(form.fields.count + 6, canvas.rows - 2)
        let rect = Rect(row: max(1, (canvas.rows - h) / 2), col: (canvas.cols - w) / 2, height: h, width: w)
        canvas.fill(rect, style: Style(.mainFg, on: .overlayBg))
        canvas.box(rect, title: form.title, focused: true, glyphs: glyphs, background: .overlayBg)
        let inner = rect.inner.inset(left: 1, right: 1)
        var row = inner.row
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focused
            canvas.putPadded(field.label + ":", row: row, col: inner.col, width: labelWidth,
                             style: Style(focused ? .keyHint : .mainFg, on: .overlayBg, focused ? [.bold] : []))
            let room = inner.width - labelWidth
            // The end of a long value stays visible while typing.
            let text = field.value + (focused ? "▏" : "")
            let visible = DisplayWidth.of(text) > room ? "…" + String(text.suffix(max(1, room - 1))) : text
            canvas.putPadded(visible, row: row, col: inner.col + labelWidth, width: room,
                             style: focused ? Style.selected : Style(.mainFg, on: .overlayBg, [.underline]))
            row += 1
        }
        row += 1
        if let error = form.error {
            canvas.put(error, row: row, col: inner.col, style: Style(.error, on: .overlayBg, [.bold]), width: inner.width)
        } else {
            canvas.put(form.hint, row: row, col: inner.col, style: Style(.hint, on: .overlayBg), width: inner.width)
        }
        canvas.put("Enter submits · Tab next field · Esc cancels", row: row + 1, col: inner.col,
                   style: Style(.hint, on: .overlayBg), width: inner.width)
    }
}
