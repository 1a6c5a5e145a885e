/// The characters used for borders, bars and marks: Unicode when the locale is UTF-8, ASCII otherwise,
/// so a non-UTF-8 terminal gets a plain but legible screen instead of mojibake.
public struct Glyphs: Sendable, Equatable {
    public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    /// Eighth-blocks from empty to full, for bars.
    public let barEighths: [String]
    public let barEmpty: String
    /// Sparkline levels from lowest to highest.
    public let spark: [String]
    public let leader, follower, outOfSync, offline, up, down, controller, arrow: String
    /// Marks the selected item of a menu, so the selection shows without colour too.
    public let pointer: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
        barEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], barEmpty: "·",
        spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        leader: "★", follower: "●", outOfSync: "◌", offline: "✕", up: "▲", down: "▼", controller: "♛", arrow: "→", pointer: "›")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        barEighths: [" ", " ", " ", " ", "=", "=", "=", "=", "#"], barEmpty: ".",
        spark: ["_", ".", ".", "-", "-", "=", "=", "#"],
        leader: "L", follower: "f", outOfSync: "~", offline: "x", up: "+", down: "-", controller: "C", arrow: ">", pointer: ">")
}
