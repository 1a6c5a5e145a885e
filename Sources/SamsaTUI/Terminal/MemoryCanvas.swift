/// An in-memory canvas: a grid of cells, for tests and for timing frames. A wide character occupies its
/// cell and marks the next one as its continuation, as a terminal would.
public final class MemoryCanvas: Canvas {
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public var style: Style
        /// The right half of a wide character drawn in the cell before.
        public var isContinuation: Bool
    }

    public private(set) var rows: Int
    public private(set) var cols: Int
    private var cells: [Cell]
    private static let blank = Cell(character: " ", style: .plain, isContinuation: false)

    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: Self.blank, count: self.rows * self.cols)
    }

    public func resize(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: Self.blank, count: self.rows * self.cols)
    }

    public func clear() {
        for index in cells.indices { cells[index] = Self.blank }
    }

    public func cell(row: Int, col: Int) -> Cell { cells[row * cols + col] }

    /// One row's cells, left to right.
    public func cells(row: Int) -> ArraySlice<Cell> { cells[(row * cols)..<((row + 1) * cols)] }

    /// The characters of one row as a terminal would show them, with trailing spaces removed.
    public func text(row: Int) -> String {
        guard row >= 0, row < rows else { return "" }
        var line = ""
        for col in 0..<cols {
            let cell = cells[row * cols + col]
            if !cell.isContinuation { line.append(cell.character) }
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Every row's text joined with newlines.
    public var screen: String { (0..<rows).map { text(row: $0) }.joined(separator: "\n") }

    /// The (row, col) of the first occurrence of `needle` on screen, counting display columns.
    public func find(_ needle: String) -> (row: Int, col: Int)? {
        for row in 0..<rows {
            let line = text(row: row)
            if let range = line.range(of: needle) {
                return (row, DisplayWidth.of(String(line[..<range.lowerBound])))
            }
        }
        return nil
    }

    @discardableResult
    public func put(_ text: String, row: Int, col: Int, style: Style, width: Int?) -> Int {
        guard row >= 0, row < rows, col < cols else { return 0 }
        let limit = min(cols, width.map { col + $0 } ?? cols)
        var c = col
        let base = row * cols
        for character in DisplayWidth.sanitize(text) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }  // a lone zero-width character (combining marks arrive inside their cluster)
            if c + w > limit { break }
            if c >= 0 {
                clearWide(at: base, col: c)
                cells[base + c] = Cell(character: character, style: style, isContinuation: false)
                if w == 2 {
                    clearWide(at: base, col: c + 1)
                    cells[base + c + 1] = Cell(character: " ", style: style, isContinuation: true)
                }
            }
            c += w
        }
        return c - col
    }

    public func fill(_ rect: Rect, style: Style) {
        let top = max(0, rect.row), bottom = min(rows, rect.bottom)
        let left = max(0, rect.col), right = min(cols, rect.right)
        guard top < bottom, left < right else { return }
        for r in top..<bottom {
            for c in left..<right {
                clearWide(at: r * cols, col: c)
                cells[r * cols + c] = Cell(character: " ", style: style, isContinuation: false)
            }
        }
    }

    /// Overwriting half of a wide character blanks its other half, as terminals do.
    private func clearWide(at base: Int, col: Int) {
        guard col < cols else { return }
        if cells[base + col].isContinuation, col > 0 {
            cells[base + col - 1].character = " "
        } else if col + 1 < cols, cells[base + col + 1].isContinuation {
            cells[base + col + 1] = Cell(character: " ", style: cells[base + col + 1].style, isContinuation: false)
        }
    }
}
