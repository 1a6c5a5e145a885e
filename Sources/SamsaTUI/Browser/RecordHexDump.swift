/// Bytes as `xxd` prints them: an 8-digit hex offset, the bytes in groups of two, then the printable ASCII
/// with `.` for the rest.
///
///     00000000: 0001 0203 6869 ff00 0102 0304 0506 0708  ....hi..........
///
/// Sixteen bytes a line when the width allows (67 columns), else eight or four, so a narrow screen still
/// shows whole lines.
enum RecordHexDump {
    static func bytesPerLine(width: Int) -> Int {
        for count in [16, 8, 4] where lineWidth(count) <= width { return count }
        return 4
    }

    /// Columns a full line of `count` bytes takes.
    static func lineWidth(_ count: Int) -> Int { 10 + count * 2 + (count + 1) / 2 + 1 + count }

    static func lines(_ bytes: [UInt8], width: Int) -> [[Span]] {
        lines(bytes, bytesPerLine: bytesPerLine(width: width))
    }

    static func lines(_ bytes: [UInt8], bytesPerLine count: Int) -> [[Span]] {
        var lines: [[Span]] = []
        lines.reserveCapacity(bytes.count / count + 1)
        var start = 0
        while start < bytes.count {
            let chunk = bytes[start..<min(start + count, bytes.count)]
            var hex = ""
            var ascii = ""
            for (i, byte) in chunk.enumerated() {
                hex += RecordText.hexByte(byte)
                if i % 2 == 1 { hex += " " }
                ascii.append(byte >= 0x20 && byte < 0x7f ? Character(UnicodeScalar(byte)) : ".")
            }
            // Pad a short last line so its ASCII column lines up with the others.
            let full = count * 2 + count / 2
            hex += String(repeating: " ", count: max(0, full - hex.count))
            lines.append([Span(offset(start) + ": ", Style(.inactiveFg)), Span(hex + " ", Style(.mainFg)), Span(ascii, Style(.hint))])
            start += count
        }
        return lines
    }

    static func offset(_ value: Int) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }
}
