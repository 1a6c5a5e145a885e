/// Terminal column widths of text: East Asian wide and fullwidth characters (Hangul, CJK) and emoji take
/// two columns, combining marks and other zero-width characters none, everything else one. Truncation works
/// on whole characters, so a wide character is never split.
public enum DisplayWidth {
    /// Columns `text` takes on a terminal.
    public static func of(_ text: String) -> Int {
        if let ascii = asciiWidth(text) { return ascii }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Columns one character (grapheme cluster) takes.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7f ? 1 : 0 }
        let scalars = character.unicodeScalars
        // Fast path for what every frame draws most after ASCII: box drawing, block elements (bars) and
        // Latin-1 punctuation such as "·" are one column and never emoji; no Unicode property lookups needed.
        if let only = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex,
           (0xa0..<0x300).contains(only.value) || (0x2500...0x259f).contains(only.value) {
            return 1
        }
        // An emoji presentation selector (U+FE0F) or an emoji-presentation base makes the cluster two wide.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        var width = 0
        for scalar in scalars {
            if scalar.properties.isEmojiPresentation { return 2 }
            width += of(scalar)
        }
        return min(width, 2)
    }

    /// Columns one Unicode scalar takes (as wcwidth would say for a UTF-8 locale).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7f && value < 0xa0) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || value == 0x200B { return 0 }  // Hangul medial vowels, finals; ZWSP
        return isWide(value) ? 2 : 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The width of printable ASCII text, or nil if `text` has anything else (the fast path for most rows).
    @inline(__always)
    static func asciiWidth(_ text: String) -> Int? {
        var count = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte >= 0x7f { return nil }
            count += 1
        }
        return count
    }

    /// `text` cut to at most `width` columns, ending in "…" when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if let ascii = asciiWidth(text) {
            if ascii <= width { return text }
            return String(text.utf8.prefix(width - 1))! + ellipsis
        }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        var used = 0
        var result = ""
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return result + ellipsis
    }

    /// `text` truncated and then padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let pad = width - of(cut)
        guard pad > 0 else { return cut }
        let spaces = String(repeating: " ", count: pad)
        return alignRight ? spaces + cut : cut + spaces
    }

    /// Replaces control characters (which would move the cursor or start escape sequences) with "·".
    public static func sanitize(_ text: String) -> String {
        if asciiWidth(text) != nil { return text }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(isControl(scalar) ? "·" : scalar) }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7f && scalar.value < 0xa0)
    }
}
