/// A theme resolved for a terminal: every theme key mapped to a terminal colour number for the colour
/// mode, and attributes that keep meaning visible when colours are few or absent.
public struct Palette: Sendable, Equatable {
    public let theme: Theme
    public let mode: ColorMode
    /// Terminal colour number per key; empty in `.none` mode.
    public let indexes: [ThemeKey: Int16]

    public init(theme: Theme, mode: ColorMode) {
        self.theme = theme
        self.mode = mode
        var indexes: [ThemeKey: Int16] = [:]
        switch mode {
        case .ansi256: for key in ThemeKey.allCases { indexes[key] = Palette.nearest256(theme[key]) }
        case .eight: for key in ThemeKey.allCases { indexes[key] = Palette.nearest8(theme[key]) }
        case .none: break
        }
        self.indexes = indexes
    }

    /// Foreground and background colour numbers for `style` (nil in `.none` mode). In 8 colours two
    /// different theme colours can land on the same basic colour; text then takes the contrasting one.
    public func colors(for style: Style) -> (foreground: Int16, background: Int16)? {
        guard mode != .none, let fg = indexes[style.foreground], let bg = indexes[style.background] else { return nil }
        if fg == bg { return (Palette.contrasting(bg, theme: theme, key: style.background, mode: mode), bg) }
        return (fg, bg)
    }

    /// Attributes to draw `style` with. Without colour, the roles that colour would distinguish get bold,
    /// dim, underline or reverse instead; selection is reversed whenever its background would not show.
    public func attributes(for style: Style) -> TextAttributes {
        var attributes = style.attributes.subtracting(.selection)
        if style.attributes.contains(.selection) {
            let invisible = mode == .none || indexes[.selectedBg] == indexes[.mainBg]
            if invisible { attributes.insert(.reverse) }
        }
        guard mode == .none else { return attributes }
        switch style.foreground {
        case .title, .borderFocus, .leader, .controller, .error, .warning, .keyHint, .lagHigh, .filterMatch, .jsonKey:
            attributes.insert(.bold)
        case .inactiveFg, .hint, .barEmpty, .offline, .brokerDown, .jsonPunctuation:
            attributes.insert(.dim)
        case .outOfSync:
            attributes.insert(.underline)
        default:
            break
        }
        return attributes
    }

    // MARK: nearest colours

    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The nearest colour in xterm's 6×6×6 cube (16–231) or grey ramp (232–255). The first 16 are left
    /// out: terminals let users redefine them, so they are not reliable.
    public static func nearest256(_ color: RGB) -> Int16 {
        func level(_ value: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(value)) < abs(cubeLevels[$1] - Int(value)) }!
        }
        let r = level(color.red), g = level(color.green), b = level(color.blue)
        let cube = RGB(UInt8(cubeLevels[r]), UInt8(cubeLevels[g]), UInt8(cubeLevels[b]))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (Int(color.red) + Int(color.green) + Int(color.blue)) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let greyValue = UInt8(8 + 10 * greyStep)
        let grey = RGB(greyValue, greyValue, greyValue)
        return Int16(color.distance(to: grey) < color.distance(to: cube) ? 232 + greyStep : cubeIndex)
    }

    /// The nearest of the eight basic colours. Greys go to black or white by brightness; other colours by
    /// hue, because plain RGB distance sends muted tones (a dusty red, a sage green) to the wrong hue.
    public static func nearest8(_ color: RGB) -> Int16 {
        let r = Double(color.red), g = Double(color.green), b = Double(color.blue)
        let high = max(r, g, b), low = min(r, g, b), chroma = high - low
        if chroma < 48 { return color.luminance < 0.4 ? 0 : 7 }
        var hue: Double
        if high == r {
            hue = 60 * ((g - b) / chroma)
        } else if high == g {
            hue = 60 * (2 + (b - r) / chroma)
        } else {
            hue = 60 * (4 + (r - g) / chroma)
        }
        if hue < 0 { hue += 360 }
        // Curses numbers by hue sector: red 1, yellow 3, green 2, cyan 6, blue 4, magenta 5.
        let sectors: [Int16] = [1, 3, 2, 6, 4, 5, 1]
        return sectors[Int(((hue + 30) / 60).rounded(.down)) % 7]
    }

    static func contrasting(_ background: Int16, theme: Theme, key: ThemeKey, mode: ColorMode) -> Int16 {
        let dark = theme[key].luminance < 0.5
        switch mode {
        case .ansi256: return dark ? 255 : 16
        case .eight: return dark ? 7 : 0
        case .none: return -1
        }
    }
}
