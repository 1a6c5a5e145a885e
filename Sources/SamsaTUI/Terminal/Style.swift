/// How a piece of text looks, named semantically: drawing code says "leader" or "selected", the theme
/// (through the canvas) decides the colours.
public struct Style: Sendable, Hashable {
    public var foreground: ThemeKey
    public var background: ThemeKey
    public var attributes: TextAttributes

    public init(_ foreground: ThemeKey = .mainFg, on background: ThemeKey = .mainBg, _ attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
    public static let selected = Style(.selectedFg, on: .selectedBg, [.selection])

    public func with(_ extra: TextAttributes) -> Style {
        Style(foreground, on: background, attributes.union(extra))
    }
}
