/// Menus, forms, confirmations, the help listing every binding, and the log.
extension FrameRenderer {
    func drawOverlay() {
        guard let overlay = state.overlay else { return }
        switch overlay {
        case .help(let scroll): drawHelp(scroll: scroll)
        case .log(let scroll): drawLog(scroll: scroll)
        case .menu(let levels): drawMenu(levels)
        case .form(let form): drawForm(form)
        case .confirm(let confirm): drawConfirm(confirm)
        case .segments(let view): drawSegments(view)
        }
    }

    /// A centred box of at most `width`×`height`, filled with the overlay background; returns its inside.
    func panel(width: Int, height: Int, title: String) -> Rect {
        let w = min(width, layout.cols - 4), h = min(height, layout.rows - 2)
        let rect = Rect(row: max(1, (layout.rows - h) / 2), col: (layout.cols - w) / 2, height: h, width: w)
        // A box reaching the status line would leave its ends showing either side: the line goes blank.
        if rect.bottom > layout.status.row { canvas.fill(layout.status, style: Style(.mainFg, on: .mainBg)) }
        canvas.fill(rect, style: Style(.mainFg, on: .overlayBg))
        canvas.box(rect, title: title, focused: true, glyphs: glyphs, background: .overlayBg)
        return rect.inner.inset(left: 1, right: 1)
    }

    /// The help text: every binding, grouped by where it applies.
    func helpLines() -> [[Span]] {
        let keyStyle = Style(.keyHint, on: .overlayBg, [.bold])
        let textStyle = Style(.mainFg, on: .overlayBg)
        var lines: [[Span]] = []
        for scope in workbench.keyMap.scopes {
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(scope.title, Style(.title, on: .overlayBg, [.bold]))])
            for binding in workbench.keyMap.bindings where binding.scope == scope {
                lines.append([Span("  " + DisplayWidth.fit(binding.keyLabel, to: 14), keyStyle), Span(binding.help, textStyle)])
            }
        }
        lines.append([])
        lines.append([Span("Mouse", Style(.title, on: .overlayBg, [.bold]))])
        for (action, help) in KeyMap.mouseHelp {
            lines.append([Span("  " + DisplayWidth.fit(action, to: 14), keyStyle), Span(help, textStyle)])
        }
        return lines
    }

    private func drawHelp(scroll: Int) {
        let lines = helpLines()
        let inner = panel(width: 76, height: lines.count + 2, title: "Keys · j/k scroll · Esc closes")
        let top = min(scroll, max(0, lines.count - inner.height))
        if case .help = state.overlay { workbench.state.overlay = .help(scroll: top) }
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            canvas.put(line, row: inner.row + offset, col: inner.col, width: inner.width)
        }
    }

    private func drawLog(scroll: Int) {
        let lines = workbench.logBuffer?.contents ?? []
        let inner = panel(width: layout.cols - 4, height: layout.rows - 4, title: "Log · j/k scroll · Esc closes")
        guard !lines.isEmpty else {
            canvas.put("Nothing logged yet.", row: inner.row, col: inner.col, style: Style(.hint, on: .overlayBg), width: inner.width)
            return
        }
        let top = min(scroll, max(0, lines.count - inner.height))
        workbench.state.overlay = .log(scroll: top)
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            canvas.put(line, row: inner.row + offset, col: inner.col, style: Style(.mainFg, on: .overlayBg), width: inner.width)
        }
    }

    private func drawMenu(_ levels: [MenuLevel]) {
        guard let level = levels.last else { return }
        let widest = level.items.map { DisplayWidth.of($0.title) + DisplayWidth.of($0.note) + 6 }.max() ?? 20
        let title = levels.map(\.title).joined(separator: " › ")
        let inner = panel(width: max(40, min(widest + 4, 80)), height: level.items.count + 2, title: title)
        let top = FrameRenderer.scrollTop(selected: level.selected, count: level.items.count, height: inner.height, previous: 0)
        for (offset, item) in level.items.dropFirst(top).prefix(inner.height).enumerated() {
            let row = inner.row + offset
            if item.isHeading {
                canvas.put(item.title, row: row, col: inner.col, style: Style(.title, on: .overlayBg, [.bold]), width: inner.width)
                continue
            }
            let selected = top + offset == level.selected
            let style: Style = selected ? .selected : item.enabled ? Style(.mainFg, on: .overlayBg) : Style(.inactiveFg, on: .overlayBg)
            if selected { canvas.fill(Rect(row: row, col: inner.col, height: 1, width: inner.width), style: style) }
            let used = canvas.put((selected ? glyphs.pointer + " " : "  ") + item.title, row: row, col: inner.col, style: style,
                                  width: inner.width)
            if !item.note.isEmpty {
                canvas.put("  (\(item.note))", row: row, col: inner.col + used, style: selected ? style : Style(.hint, on: .overlayBg),
                           width: inner.width - used)
            }
        }
    }

    private func drawForm(_ form: FormState) {
        let labelWidth = (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 10) + 2
        let inner = panel(width: 64, height: form.fields.count + 6, title: form.title)
        var row = inner.row
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focused
            canvas.putPadded(field.label + ":", row: row, col: inner.col, width: labelWidth,
                             style: Style(focused ? .keyHint : .mainFg, on: .overlayBg, focused ? [.bold] : []))
            let valueWidth = inner.width - labelWidth
            let style = focused ? Style.selected : Style(.mainFg, on: .overlayBg, [.underline])
            let shown = field.isChoice ? "◂ \(field.value) ▸" : field.value + (focused ? "▏" : "")
            canvas.putPadded(shown, row: row, col: inner.col + labelWidth, width: valueWidth, style: style)
            row += 1
        }
        row += 1
        if let error = form.error {
            canvas.put(error, row: row, col: inner.col, style: Style(.error, on: .overlayBg, [.bold]), width: inner.width)
        }
        let choosing = form.fields.indices.contains(form.focused) && form.fields[form.focused].isChoice
        canvas.put((choosing ? "Space/←→ change · " : "") + "Tab next field · Enter submits · Esc cancels", row: inner.bottom - 1, col: inner.col,
                   style: Style(.hint, on: .overlayBg), width: inner.width)
    }

    private func drawConfirm(_ confirm: ConfirmState) {
        let lines = TextWrap.wrap(confirm.question, width: 52)
        let inner = panel(width: 58, height: lines.count + 4, title: "Confirm")
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            canvas.put(line, row: inner.row + offset, col: inner.col, style: Style(.warning, on: .overlayBg, [.bold]), width: inner.width)
        }
        canvas.put([Span("y", Style(.keyHint, on: .overlayBg, [.bold])), Span(" yes   ", Style(.mainFg, on: .overlayBg)),
                    Span("n", Style(.keyHint, on: .overlayBg, [.bold])), Span(" no", Style(.mainFg, on: .overlayBg))],
                   row: inner.bottom - 1, col: inner.col, width: inner.width)
    }
}
