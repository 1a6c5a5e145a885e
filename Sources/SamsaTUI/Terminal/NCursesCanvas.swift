import CNCurses

/// The canvas on the real terminal, through ncursesw's wide-character API. Colours come from a
/// ``Palette``; colour pairs are allocated on first use and reset when the theme changes.
/// Not thread-safe: only the event loop's thread draws.
final class NCursesCanvas: Canvas {
    private(set) var rows: Int = 0
    private(set) var cols: Int = 0
    private(set) var palette: Palette
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var buffer: [wchar_t] = []

    private struct PairKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    init(palette: Palette) {
        self.palette = palette
        refreshSize()
        apply(palette)
    }

    func refreshSize() {
        var r: Int32 = 0, c: Int32 = 0
        samsa_getmaxyx(&r, &c)
        rows = Int(r)
        cols = Int(c)
    }

    /// Switches to a new palette (a theme or colour mode change): every pair is defined afresh.
    func apply(_ palette: Palette) {
        self.palette = palette
        pairs.removeAll()
        nextPair = 1
    }

    func clear() {
        _ = samsa_background(pair(for: .plain))
        _ = samsa_erase()
    }

    /// Sends the frame to the terminal; curses writes only the cells that changed.
    func present() {
        _ = samsa_refresh()
    }

    @discardableResult
    func put(_ text: String, row: Int, col: Int, style: Style, width: Int?) -> Int {
        guard row >= 0, row < rows, col >= 0, col < cols else { return 0 }
        let limit = min(cols, width.map { col + $0 } ?? cols)
        buffer.removeAll(keepingCapacity: true)
        var used = 0
        for character in DisplayWidth.sanitize(text) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if col + used + w > limit { break }
            for scalar in character.unicodeScalars { buffer.append(wchar_t(bitPattern: scalar.value)) }
            used += w
        }
        guard !buffer.isEmpty else { return 0 }
        let count = Int32(buffer.count)
        buffer.withUnsafeBufferPointer { pointer in
            _ = samsa_put(Int32(row), Int32(col), pointer.baseAddress, count, attributes(for: style), pair(for: style))
        }
        return used
    }

    func fill(_ rect: Rect, style: Style) {
        let left = max(0, rect.col), right = min(cols, rect.right)
        guard left < right else { return }
        let spaces = String(repeating: " ", count: right - left)
        for row in max(0, rect.row)..<min(rows, rect.bottom) {
            put(spaces, row: row, col: left, style: style, width: right - left)
        }
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
