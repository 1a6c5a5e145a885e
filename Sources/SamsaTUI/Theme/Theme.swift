/// A complete theme: a colour for every ``ThemeKey``.
public struct Theme: Sendable, Equatable {
    public let name: String
    public let colors: [ThemeKey: RGB]

    public init(name: String, colors: [ThemeKey: RGB]) {
        self.name = name
        // Any slot left out takes the compiled-in default.
        self.colors = colors.merging(Theme.fallbackColors) { own, _ in own }
    }

    public subscript(key: ThemeKey) -> RGB { colors[key] ?? RGB(255, 255, 255) }

    /// The compiled-in default (dark) theme; it fills every key another theme leaves out.
    public static let fallback = Theme(name: "default", colors: fallbackColors)

    static let fallbackColors: [ThemeKey: RGB] = {
        var colors: [ThemeKey: RGB] = [:]
        for line in BuiltinThemes.dark.split(separator: "\n") {
            if case .color(let key, let rgb)? = ThemeParser.classify(String(line)) { colors[key] = rgb }
        }
        return colors
    }()
}
