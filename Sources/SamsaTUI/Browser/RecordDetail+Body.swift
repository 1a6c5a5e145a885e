import Foundation

extension RecordDetail {
    /// How a key or value is shown.
    enum Body: Equatable {
        case null, empty, json, text, bytes
        /// Confluent's wire format: magic byte 0, then the schema id (big-endian), then Avro/Protobuf bytes.
        case schemaRegistry(schemaId: UInt32)
        /// The same framing around JSON (Confluent's JSON Schema serializer): shown pretty-printed.
        case schemaRegistryJSON(schemaId: UInt32)
    }

    static func body(_ bytes: [UInt8]?) -> Body {
        guard let bytes else { return .null }
        if bytes.isEmpty { return .empty }
        if bytes.count >= 5, bytes[0] == 0 {
            let id = UInt32(bytes[1]) << 24 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 8 | UInt32(bytes[4])
            if bytes.count <= 1024 * 1024, RecordJSON.isJSON(Array(bytes[5...])) { return .schemaRegistryJSON(schemaId: id) }
            return .schemaRegistry(schemaId: id)
        }
        if bytes.count <= 1024 * 1024, RecordJSON.isJSON(bytes) { return .json }
        let prefix = Array(bytes.prefix(maxShownBytes))
        return RecordText.decode(prefix, truncated: bytes.count > maxShownBytes) != nil ? .text : .bytes
    }

    /// `key        8 bytes, text` and the lines under it.
    static func section(_ name: String, _ bytes: [UInt8]?, width: Int) -> [[Span]] {
        let body = body(bytes)
        let summary: String
        switch body {
        case .null: summary = "null"
        case .empty: summary = "empty (0 bytes)"
        case .json: summary = Format.counted(bytes!.count, "byte") + ", JSON"
        case .text: summary = Format.counted(bytes!.count, "byte") + ", text"
        case .bytes: summary = Format.counted(bytes!.count, "byte") + ", binary"
        case .schemaRegistry, .schemaRegistryJSON: summary = Format.counted(bytes!.count, "byte") + ", schema registry framing"
        }
        var lines: [[Span]] = [[Span(name.padding(toLength: labelWidth, withPad: " ", startingAt: 0), heading),
                                Span(summary, Style(.inactiveFg))]]
        let pad = Span(String(repeating: " ", count: indent))
        switch body {
        case .null, .empty:
            break
        case .json:
            lines += json(bytes!, width: width)
            lines += cut(bytes!.count)
        case .text:
            let shown = Array(bytes!.prefix(maxShownBytes))
            let text = RecordText.decode(shown, truncated: bytes!.count > shown.count) ?? ""
            for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                let visible = RecordPreview.visible(paragraph.replacingOccurrences(of: "\t", with: "    "))
                for piece in wrapText(visible, width: width - indent) { lines.append([pad, Span(piece, Style(.mainFg))]) }
            }
            lines += cut(bytes!.count)
        case .bytes:
            lines += RecordHexDump.lines(Array(bytes!.prefix(maxShownBytes)), width: width - indent).map { [pad] + $0 }
            lines += cut(bytes!.count)
        case .schemaRegistry(let id):
            lines.append([pad, Span("Avro/Protobuf (schema id \(id)): not decoded yet — shown as bytes", Style(.warning))])
            lines += RecordHexDump.lines(Array(bytes!.prefix(maxShownBytes)), width: width - indent).map { [pad] + $0 }
            lines += cut(bytes!.count)
        case .schemaRegistryJSON(let id):
            lines.append([pad, Span("JSON Schema (schema id \(id)): the JSON after the 5-byte header", Style(.inactiveFg))])
            lines += json(Array(bytes![5...]), width: width)
            lines += cut(bytes!.count - 5)
        }
        return lines
    }

    /// Pretty-printed JSON, indented under the section, long lines wrapped a little deeper than their own;
    /// past `maxShownBytes` of input it stops (`cut` says so).
    private static func json(_ bytes: [UInt8], width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        let pad = Span(String(repeating: " ", count: indent))
        // `body` has checked these bytes are JSON: lay them out without parsing them again.
        for line in RecordJSON.layout(RecordJSON.tokens(bytes, limit: maxShownBytes)) {
            let depth = line.first.map { $0.text.allSatisfy { $0 == " " } ? $0.text.count : 0 } ?? 0
            lines += wrap([pad] + line, width: width, continuation: min(indent + depth + 2, width / 2))
        }
        return lines
    }

    private static func cut(_ count: Int) -> [[Span]] {
        guard count > maxShownBytes else { return [] }
        return [[Span(String(repeating: " ", count: indent)),
                 Span("… \(Format.count(count)) bytes in all; the first \(Format.count(maxShownBytes)) shown", Style(.inactiveFg))]]
    }

    /// Text cut into lines of at most `width` columns, at the last space that fits (which is dropped), else
    /// between characters. Unlike the panes' word wrap, runs of spaces are kept: a record shows what was sent.
    static func wrapText(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line: [Character] = []
        var lineWidth = 0
        var lastSpace: Int?
        for character in text {
            let w = DisplayWidth.of(character)
            if lineWidth + w > width && !line.isEmpty {
                if character == " " {
                    lines.append(String(line))
                    line = []
                    lineWidth = 0
                    lastSpace = nil
                    continue
                }
                if let space = lastSpace, space > 0 {
                    lines.append(String(line[..<space]))
                    line = Array(line[(space + 1)...])
                    lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1) }
                } else {
                    lines.append(String(line))
                    line = []
                    lineWidth = 0
                }
                lastSpace = nil
            }
            if character == " " { lastSpace = line.count }
            line.append(character)
            lineWidth += w
        }
        lines.append(String(line))
        return lines
    }

    /// A line of spans cut into lines of at most `width` columns, between characters (never inside a wide
    /// one); lines after the first start with `continuation` spaces.
    static func wrap(_ line: [Span], width: Int, continuation: Int) -> [[Span]] {
        let total = line.reduce(0) { $0 + DisplayWidth.of($1.text) }
        if total <= width { return [line] }
        let continuation = min(max(0, continuation), width - 1)
        var lines: [[Span]] = []
        var current: [Span] = []
        var used = 0
        for span in line {
            var piece = ""
            for character in span.text {
                let w = DisplayWidth.of(character)
                if used + w > width && used > continuation {
                    if !piece.isEmpty { current.append(Span(piece, span.style)) }
                    lines.append(current)
                    current = continuation > 0 ? [Span(String(repeating: " ", count: continuation))] : []
                    used = continuation
                    piece = ""
                }
                piece.append(character)
                used += w
            }
            if !piece.isEmpty { current.append(Span(piece, span.style)) }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
