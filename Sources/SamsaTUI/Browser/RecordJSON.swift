import SamsaConnect

/// JSON pretty-printed for the record detail: two-space indent, members in their original order, numbers
/// and strings exactly as written (escapes kept), each token in its theme colour. SamsaConnect's parser
/// checks the text is JSON (RFC 8259, strict); the layout then works on the original tokens, because its
/// tree turns `1.50` into 1.5 and keeps one of two repeated keys, and a viewer must show what was sent.
enum RecordJSON {
    enum TokenKind: Equatable {
        case key, string, number, literal, punctuation
    }

    struct Token: Equatable {
        var kind: TokenKind
        var text: String
    }

    /// The pretty-printed lines, or nil when `bytes` are not a JSON object or array (a bare `42` or `"x"` is
    /// shown as text).
    static func lines(_ bytes: [UInt8]) -> [[Span]]? {
        guard isJSON(bytes) else { return nil }
        return layout(tokens(bytes))
    }

    /// Whether `bytes` are a valid JSON object or array.
    static func isJSON(_ bytes: [UInt8]) -> Bool { looksLikeJSON(bytes) && (try? JSONValue.parse(bytes)) != nil }

    /// Whether the first thing that is not whitespace opens an object or array.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { !isWhitespace($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    static func style(_ kind: TokenKind) -> Style {
        switch kind {
        case .key: Style(.jsonKey)
        case .string: Style(.jsonString)
        case .number: Style(.jsonNumber)
        case .literal: Style(.jsonLiteral)
        case .punctuation: Style(.jsonPunctuation)
        }
    }

    /// The tokens of valid JSON: strings that a `:` follows are keys. With a `limit`, tokens stop at the
    /// first one that starts at or after that byte (the detail shows the start of a huge document).
    static func tokens(_ bytes: [UInt8], limit: Int = .max) -> [Token] {
        var tokens: [Token] = []
        var pos = 0
        while pos < bytes.count, pos < limit {
            let byte = bytes[pos]
            switch byte {
            case _ where isWhitespace(byte):
                pos += 1
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
                if byte == UInt8(ascii: ":"), let last = tokens.indices.last, tokens[last].kind == .string { tokens[last].kind = .key }
                tokens.append(Token(kind: .punctuation, text: String(UnicodeScalar(byte))))
                pos += 1
            case UInt8(ascii: "\""):
                let start = pos
                pos += 1
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "\"") { pos += bytes[pos] == UInt8(ascii: "\\") ? 2 : 1 }
                pos = min(pos + 1, bytes.count)
                tokens.append(Token(kind: .string, text: DisplayWidth.sanitize(String(decoding: bytes[start..<pos], as: UTF8.self))))
            default:
                let start = pos
                while pos < bytes.count, !isWhitespace(bytes[pos]), !isStructural(bytes[pos]) { pos += 1 }
                let text = String(decoding: bytes[start..<pos], as: UTF8.self)
                tokens.append(Token(kind: text == "true" || text == "false" || text == "null" ? .literal : .number, text: text))
            }
        }
        return tokens
    }

    /// One member or element a line, nested two spaces deeper; `{}` and `[]` stay on one line.
    static func layout(_ tokens: [Token]) -> [[Span]] {
        var lines: [[Span]] = []
        var line: [Span] = []
        var depth = 0
        func newLine() {
            if !line.isEmpty { lines.append(line) }
            line = depth > 0 ? [Span(String(repeating: "  ", count: depth))] : []
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let next = index + 1 < tokens.count ? tokens[index + 1].text : nil
            switch (token.kind, token.text) {
            case (.punctuation, "{"), (.punctuation, "["):
                let close = token.text == "{" ? "}" : "]"
                if next == close {
                    line.append(Span(token.text + close, style(.punctuation)))
                    index += 1
                } else {
                    line.append(Span(token.text, style(.punctuation)))
                    depth += 1
                    newLine()
                }
            case (.punctuation, "}"), (.punctuation, "]"):
                depth -= 1
                newLine()
                line.append(Span(token.text, style(.punctuation)))
            case (.punctuation, ","):
                line.append(Span(",", style(.punctuation)))
                newLine()
            case (.punctuation, ":"):
                line.append(Span(":", style(.punctuation)))
                line.append(Span(" "))
            default:
                line.append(Span(token.text, style(token.kind)))
            }
            index += 1
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func isStructural(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "\"")
    }
}
