/// One-line previews of a record's key, value or header value for a table column: text when the bytes are
/// UTF-8 text (control characters written as `\n`, `\t`, `\x1b`), else hex (`0x01 02 ff …`); `null` for a
/// missing value, `""` for an empty one. Only a prefix of a large value is looked at, so a row costs the same
/// for 10 bytes as for 1 MB. Never wider than `width` and never splits a wide character.
enum RecordPreview {
    /// The preview text, at most `width` columns.
    static func text(_ bytes: [UInt8]?, width: Int) -> String { render(bytes, width: width).text }

    /// The preview as a span: text in the ordinary colour; `null`, `""` and hex dimmed, since they are not
    /// the record's own text.
    static func span(_ bytes: [UInt8]?, width: Int) -> Span {
        let (text, isText) = render(bytes, width: width)
        return Span(text, Style(isText ? .mainFg : .inactiveFg))
    }

    private static func render(_ bytes: [UInt8]?, width: Int) -> (text: String, isText: Bool) {
        guard width > 0 else { return ("", false) }
        guard let bytes else { return (DisplayWidth.truncate("null", to: width), false) }
        if bytes.isEmpty { return (DisplayWidth.truncate("\"\"", to: width), false) }
        // Four bytes a column is the most UTF-8 needs; a few more tell whether anything was cut.
        let limit = width * 4 + 8
        let prefix = bytes.count > limit ? Array(bytes[..<limit]) : bytes
        let cut = bytes.count > limit
        if let text = RecordText.decode(prefix, truncated: cut) {
            let shown = visible(RecordJSON.looksLikeJSON(prefix) ? flattened(text) : text)
            // A cut value always ends in "…", even when what was read (combining marks, flattened JSON) fits.
            if cut { return (DisplayWidth.of(shown) < width ? shown + "…" : DisplayWidth.truncate(shown + "…", to: width), true) }
            return (DisplayWidth.truncate(shown, to: width), true)
        }
        return (hex(bytes, width: width), false)
    }

    /// `0x01 02 ff …`: whole bytes only, cut with "…" when they do not all fit.
    static func hex(_ bytes: [UInt8], width: Int) -> String {
        guard width > 0 else { return "" }
        var out = "0x"
        for (index, byte) in bytes.enumerated() {
            let piece = (index == 0 ? "" : " ") + RecordText.hexByte(byte)
            let rest = index + 1 < bytes.count
            // Room for this byte, and for " …" after it when more follow.
            if out.count + piece.count + (rest ? 2 : 0) > width {
                return out.count + 2 <= width ? out + " …" : DisplayWidth.truncate(out + "…", to: width)
            }
            out += piece
        }
        return out.count <= width ? out : DisplayWidth.truncate(out, to: width)
    }

    /// Pretty-printed JSON on one line: outside strings, a run of whitespace holding a line break or tab
    /// becomes one space (`{ "id": 1, "n": 2 }`), so the column shows members rather than `\n  `. Strings
    /// keep their text; only a prefix may be at hand, so the JSON is not checked.
    static func flattened(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inString = false
        var escaped = false
        var pending: [Unicode.Scalar] = []
        var pendingBreaks = false
        for scalar in text.unicodeScalars {
            if inString {
                out.append(scalar)
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" {
                pending.append(scalar)
                if scalar != " " { pendingBreaks = true }
                continue
            }
            if pendingBreaks { out.append(" ") } else { out.append(contentsOf: pending) }
            pending.removeAll(keepingCapacity: true)
            pendingBreaks = false
            out.append(scalar)
            if scalar == "\"" { inString = true }
        }
        return String(out)
    }

    /// Text on one line: line breaks, tabs and other control characters written as escapes.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: RecordText.isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if RecordText.isControl(scalar) {
                out.append(contentsOf: RecordText.escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
