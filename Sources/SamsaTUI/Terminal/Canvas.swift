/// A grid of cells that views draw on: ncurses in production, a cell grid in tests.
///
/// Coordinates are zero-based (row, col). Text is clipped to the canvas (or to `width` when given);
/// a wide character that would not fit whole is not drawn. Control characters are shown as `·` so text
/// from the cluster can never move the cursor or send escape sequences.
public protocol Canvas: AnyObject {
    var rows: Int { get }
    var cols: Int { get }
    /// Writes `text` starting at (row, col), at most `width` columns wide; returns the columns used.
    @discardableResult
    func put(_ text: String, row: Int, col: Int, style: Style, width: Int?) -> Int
    /// Paints `rect` with spaces in `style`.
    func fill(_ rect: Rect, style: Style)
    /// Clears everything to the main background before a new frame.
    func clear()
}

extension Canvas {
    @discardableResult
    public func put(_ text: String, row: Int, col: Int, style: Style = .plain) -> Int {
        put(text, row: row, col: col, style: style, width: nil)
    }

    public var bounds: Rect { Rect(row: 0, col: 0, height: rows, width: cols) }

    /// Writes `text` truncated with an ellipsis and padded with spaces to exactly `width` columns.
    public func putPadded(_ text: String, row: Int, col: Int, width: Int, style: Style, alignRight: Bool = false) {
        guard width > 0 else { return }
        let cell = DisplayWidth.fit(text, to: width, alignRight: alignRight)
        put(cell, row: row, col: col, style: style, width: width)
    }

    /// Draws a border around `rect` with `title` in its top edge.
    public func box(_ rect: Rect, title: String = "", focused: Bool = false, glyphs: Glyphs = .unicode,
                    background: ThemeKey = .mainBg) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style = focused ? Style(.borderFocus, on: background, [.bold]) : Style(.border, on: background)
        let line = String(repeating: glyphs.horizontal, count: rect.width - 2)
        put(glyphs.topLeft + line + glyphs.topRight, row: rect.row, col: rect.col, style: style, width: rect.width)
        put(glyphs.bottomLeft + line + glyphs.bottomRight, row: rect.bottom - 1, col: rect.col, style: style,
            width: rect.width)
        for r in (rect.row + 1)..<(rect.bottom - 1) {
            put(glyphs.vertical, row: r, col: rect.col, style: style, width: 1)
            put(glyphs.vertical, row: r, col: rect.right - 1, style: style, width: 1)
        }
        if !title.isEmpty, rect.width > 4 {
            let titleStyle = focused ? Style(.borderFocus, on: background, [.bold]) : Style(.title, on: background, [.bold])
            put(" " + DisplayWidth.truncate(title, to: rect.width - 4) + " ", row: rect.row, col: rect.col + 1,
                style: titleStyle, width: rect.width - 2)
        }
    }
}
