/// The segments overlay: a table of the partition's segment files, or one segment's dump-log lines
/// wrapped to the panel and scrolled.
extension FrameRenderer {
    func drawSegments(_ view: SegmentsView) {
        let text = Style(.mainFg, on: .overlayBg)
        let hint = Style(.hint, on: .overlayBg)
        if let batches = view.batches {
            let inner = panel(width: layout.cols - 4, height: layout.rows - 2,
                              title: "\(view.title) · \(batches.fileName)\(batches.printData ? " · keys and payloads" : "")")
            let lines = SegmentRows.wrap(batches.lines, width: inner.width)
            let height = max(1, inner.height - 1)
            let top = min(view.scroll, max(0, lines.count - height))
            if top != view.scroll, case .segments(var current)? = workbench.state.overlay {
                current.scroll = top
                workbench.state.overlay = .segments(current)
            }
            for (offset, line) in lines.dropFirst(top).prefix(height).enumerated() {
                canvas.put(line, row: inner.row + offset, col: inner.col, style: text, width: inner.width)
            }
            canvas.put(SegmentRows.batchesFooter(top: top, height: height, total: lines.count), row: inner.bottom - 1,
                       col: inner.col, style: hint, width: inner.width)
            return
        }
        let inner = panel(width: max(60, layout.cols - 4), height: layout.rows - 2, title: view.title)
        var row = inner.row
        for line in SegmentRows.summaryLines(view) where row < inner.bottom - 1 {
            canvas.put(line, row: row, col: inner.col, style: text, width: inner.width)
            row += 1
        }
        if let error = view.error {
            for line in TextWrap.wrap(error, width: inner.width) where row < inner.bottom - 1 {
                canvas.put(line, row: row, col: inner.col, style: Style(.error, on: .overlayBg, [.bold]), width: inner.width)
                row += 1
            }
        }
        if let listing = view.listing, !listing.segments.isEmpty, row < inner.bottom - 1 {
            canvas.put(SegmentRows.header, row: row, col: inner.col, style: Style(.title, on: .overlayBg, [.bold]), width: inner.width)
            row += 1
            let height = max(1, inner.bottom - 1 - row)
            let top = FrameRenderer.scrollTop(selected: view.selected, count: listing.segments.count, height: height, previous: 0)
            for (offset, segment) in listing.segments.dropFirst(top).prefix(height).enumerated() {
                let selected = top + offset == view.selected
                let style: Style = selected ? .selected : text
                if selected { canvas.fill(Rect(row: row, col: inner.col, height: 1, width: inner.width), style: style) }
                canvas.put((selected ? glyphs.pointer + " " : "  ") + SegmentRows.row(segment), row: row, col: inner.col,
                           style: style, width: inner.width)
                row += 1
            }
        }
        canvas.put("j/k select · Enter batches (as dump-log) · r reload · Esc closes", row: inner.bottom - 1, col: inner.col,
                   style: hint, width: inner.width)
    }
}
