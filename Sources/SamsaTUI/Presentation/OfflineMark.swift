/// How anything offline is drawn, wherever it appears (topics, partitions, the replica lines): the
/// `offline` glyph and text in the theme's `offline` colour, bold. One definition, so a replica on a dead
/// broker never looks one way in the table and another in its detail line.
enum OfflineMark {
    static let style = Style(.offline, on: .mainBg, [.bold])

    static func glyph(_ glyphs: Glyphs) -> Span { Span(glyphs.offline, style) }

    /// The glyph followed by `text` ("✕2", "✕ none").
    static func spans(_ text: String, glyphs: Glyphs) -> [Span] { [Span(glyphs.offline + text, style)] }
}
