/// A run of text in one style; a row is a list of spans drawn left to right.
public struct Span: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

extension Canvas {
    /// Draws spans from (row, col) within `width` columns; a span that does not fit is cut with "…".
    /// Returns the columns used.
    @discardableResult
    public func put(_ spans: [Span], row: Int, col: Int, width: Int) -> Int {
        var used = 0
        for span in spans where used < width {
            let room = width - used
            let text = DisplayWidth.of(span.text) > room ? DisplayWidth.truncate(span.text, to: room) : span.text
            used += put(text, row: row, col: col + used, style: span.style, width: room)
            if text != span.text { break }
        }
        return used
    }
}
