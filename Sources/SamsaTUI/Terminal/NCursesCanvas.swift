import CNCurses

/// The canvas on the real terminal. Frames are drawn into an in-memory back buffer (the same cell grid
/// tests use, so wide characters are resolved the same way); `present()` then rewrites only the rows that
/// differ from the last frame, whole rows at a time, through ncursesw's wide-character API. Writing
/// whole rows means curses never has to overwrite half of a wide character, which it handles badly.
/// Colours come from a ``Palette``; colour pairs are allocated on first use and reset on theme change.
/// Not thread-safe: only the event loop's thread draws.
final class NCursesCanvas: Canvas {
    private(set) var palette: Palette
    private var back: MemoryCanvas
    private var shown: [ArraySlice<MemoryCanvas.Cell>?] = []
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var buffer: [wchar_t] = []

    private struct PairKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    var rows: Int { back.rows }
    var cols: Int { back.cols }

    init(palette: Palette) {
        self.palette = palette
        back = MemoryCanvas(rows: 0, cols: 0)
        refreshSize()
    }

    /// Takes the terminal's current size (after KEY_RESIZE); the next `present()` repaints everything.
    func refreshSize() {
        var r: Int32 = 0, c: Int32 = 0
        samsa_getmaxyx(&r, &c)
        back.resize(rows: Int(r), cols: Int(c))
        invalidate()
    }

    /// Switches to a new palette (a theme or colour mode change): pairs are defined afresh, all repainted.
    func apply(_ palette: Palette) {
        self.palette = palette
        pairs.removeAll()
        nextPair = 1
        invalidate()
    }

    private func invalidate() {
        shown = Array(repeating: nil, count: back.rows)
        _ = samsa_background(pair(for: .plain))
        _ = samsa_erase()
    }

    func clear() { back.clear() }

    @discardableResult
    func put(_ text: String, row: Int, col: Int, style: Style, width: Int?) -> Int {
        back.put(text, row: row, col: col, style: style, width: width)
    }

    func fill(_ rect: Rect, style: Style) { back.fill(rect, style: style) }

    /// Sends the rows that changed to the terminal.
    func present() {
        for row in 0..<back.rows {
            let cells = back.cells(row: row)
            if let previous = shown[row], previous.elementsEqual(cells) { continue }
            write(cells, row: row)
            shown[row] = cells
        }
        _ = samsa_refresh()
    }

    /// Writes a row as runs of equally styled cells.
    private func write(_ cells: ArraySlice<MemoryCanvas.Cell>, row: Int) {
        var runStart = 0
        var runStyle: Style?
        var column = 0
        buffer.removeAll(keepingCapacity: true)
        for cell in cells {
            defer { column += 1 }
            if cell.isContinuation { continue }
            if cell.style != runStyle {
                flush(row: row, col: runStart, style: runStyle)
                runStart = column
                runStyle = cell.style
            }
            for scalar in cell.character.unicodeScalars { buffer.append(wchar_t(bitPattern: scalar.value)) }
        }
        flush(row: row, col: runStart, style: runStyle)
    }

    private func flush(row: Int, col: Int, style: Style?) {
        guard let style, !buffer.isEmpty else { return }
        let count = Int32(buffer.count)
        buffer.withUnsafeBufferPointer { pointer in
            _ = samsa_put(Int32(row), Int32(col), pointer.baseAddress, count, attributes(for: style), pair(for: style))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func attributes(for style: Style) -> attr_t {
        let wanted = palette.attributes(for: style)
        var attrs = samsa_attr_normal()
        if wanted.contains(.bold) { attrs |= samsa_attr_bold() }
        if wanted.contains(.dim) { attrs |= samsa_attr_dim() }
        if wanted.contains(.underline) { attrs |= samsa_attr_underline() }
        if wanted.contains(.reverse) { attrs |= samsa_attr_reverse() }
        return attrs
    }

    private func pair(for style: Style) -> Int16 {
        guard let colors = palette.colors(for: style) else { return 0 }
        let key = PairKey(foreground: colors.foreground, background: colors.background)
        if let pair = pairs[key] { return pair }
        guard Int32(nextPair) < min(samsa_color_pairs(), Int32(Int16.max)) else { return 0 }
        let pair = nextPair
        nextPair += 1
        init_pair(pair, colors.foreground, colors.background)
        pairs[key] = pair
        return pair
    }
}
