/// The cluster header, the status line, the footer of key hints, and the too-small message.
extension FrameRenderer {
    func drawHeader() {
        canvas.fill(layout.header, style: Style(.headerFg, on: .headerBg))
        canvas.put(ClusterHeader.spans(snapshot, glyphs: glyphs, width: layout.cols), row: 0, col: 0, width: layout.cols)
    }

    func drawStatus() {
        let rect = layout.status
        if let pane = state.editingFilter {
            canvas.put([Span("Filter \(pane.title): /", Style(.filterMatch, on: .mainBg, [.bold])),
                        Span(state.filter(pane), Style(.mainFg)), Span("▏", Style(.borderFocus)),
                        Span("   Enter keeps · Esc clears", Style(.hint))],
                       row: rect.row, col: 1, width: rect.width - 1)
            return
        }
        var right = "theme \(state.themeName) "
        if state.pending > 0 { right = "\(state.pending) running · " + right }
        let rightWidth = DisplayWidth.of(right)
        canvas.put(right, row: rect.row, col: rect.width - rightWidth, style: Style(.inactiveFg), width: rightWidth)
        guard let status = state.status else { return }
        let style: Style = switch status.kind {
        case .info, .progress: Style(.hint)
        case .success: Style(.success)
        case .error: Style(.error, on: .mainBg, [.bold])
        }
        canvas.put(status.text, row: rect.row, col: 1, style: style, width: max(0, rect.width - rightWidth - 3))
    }

    func drawFooter() {
        let rect = layout.footer
        canvas.fill(rect, style: Style(.headerFg, on: .headerBg))
        let bindings: [KeyBinding]
        if state.overlay != nil {
            bindings = workbench.keyMap.bindings.filter { $0.scope == .overlay }
        } else {
            bindings = workbench.keyMap.footer(for: state.focus)
        }
        // Too many hints for the width: global ones go before the pane's own, and help and quit always stay.
        let parts = bindings.map { binding in
            let priority = binding.command == .quit ? 100 : binding.command == .help ? 99 : binding.scope == .global ? 30 : 60
            return BarPart.optional(priority, [Span(binding.keyLabel, Style(.keyHint, on: .headerBg, [.bold])),
                                               Span(" " + binding.hint + "  ", Style(.headerFg, on: .headerBg))])
        }
        var spans = [Span(" ")] + BarFit.fit(parts, width: rect.width + 1)
        // The last hint's trailing gap may fall past the edge: trimmed, so it is not cut with "…".
        if let last = spans.indices.last {
            spans[last].text = String(spans[last].text.reversed().drop(while: { $0 == " " }).reversed())
        }
        canvas.put(spans, row: rect.row, col: 0, width: rect.width)
    }

    func drawTooSmall() {
        let lines = [
            "Terminal too small: \(layout.cols)×\(layout.rows).",
            "Samsa needs at least \(Layout.minimumCols)×\(Layout.minimumRows).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (layout.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < layout.rows {
            let wrapped = DisplayWidth.truncate(line, to: layout.cols)
            let col = max(0, (layout.cols - DisplayWidth.of(wrapped)) / 2)
            canvas.put(wrapped, row: top + offset, col: col,
                       style: offset == 0 ? Style(.warning, on: .mainBg, [.bold]) : Style(.mainFg), width: layout.cols - col)
        }
    }
}
