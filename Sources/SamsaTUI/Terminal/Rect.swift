/// A rectangle of cells: origin (row, col) and size.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var row: Int
    public var col: Int
    public var height: Int
    public var width: Int

    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = max(0, height)
        self.width = max(0, width)
    }

    public var bottom: Int { row + height }
    public var right: Int { col + width }
    public var isEmpty: Bool { height <= 0 || width <= 0 }
    public var description: String { "(\(row),\(col) \(width)x\(height))" }

    public func contains(row r: Int, col c: Int) -> Bool { r >= row && r < bottom && c >= col && c < right }
    /// The inside of a box drawn on this rectangle.
    public var inner: Rect { Rect(row: row + 1, col: col + 1, height: height - 2, width: width - 2) }
    public func inset(top: Int = 0, left: Int = 0, bottom b: Int = 0, right r: Int = 0) -> Rect {
        Rect(row: row + top, col: col + left, height: height - top - b, width: width - left - r)
    }
    /// Splits off the first `rows` rows; returns (top, rest).
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let top = min(max(0, rows), height)
        return (Rect(row: row, col: col, height: top, width: width),
                Rect(row: row + top, col: col, height: height - top, width: width))
    }
    /// Splits off the first `cols` columns; returns (left, rest).
    public func splitLeft(_ cols: Int) -> (Rect, Rect) {
        let left = min(max(0, cols), width)
        return (Rect(row: row, col: col, height: height, width: left),
                Rect(row: row, col: col + left, height: height, width: width - left))
    }
}
