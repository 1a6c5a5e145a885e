/// How the browser decides that bytes are text, and small byte-formatting helpers shared by the preview,
/// the detail view and the filter.
enum RecordText {
    /// The bytes as text when they are UTF-8 and read as text: no NUL, and control characters other than
    /// tab, line feed and carriage return are at most one in ten characters (a Confluent-framed Avro or
    /// Protobuf payload is often valid UTF-8, but it is not text). `truncated` says `bytes` is a prefix of
    /// the value: an incomplete character cut at its end is dropped rather than failing the check.
    static func decode(_ bytes: [UInt8], truncated: Bool = false) -> String? {
        var end = bytes.count
        if truncated { end = completeEnd(bytes) }
        guard let text = String(validating: bytes[..<end], as: UTF8.self) else { return nil }
        var controls = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar.value == 0 { return nil }
            if isControl(scalar) && scalar != "\t" && scalar != "\n" && scalar != "\r" { controls += 1 }
        }
        return controls * 10 <= total ? text : nil
    }

    /// The bytes as a string when they are valid UTF-8, whatever they hold (what export and the filter use).
    static func utf8(_ bytes: [UInt8]) -> String? { String(validating: bytes, as: UTF8.self) }

    /// The end of the last complete UTF-8 sequence in `bytes` (a prefix may stop inside a character).
    static func completeEnd(_ bytes: [UInt8]) -> Int {
        var start = bytes.count
        var back = 0
        while start > 0, back < 4, bytes[start - 1] & 0xC0 == 0x80 {
            start -= 1
            back += 1
        }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let need: Int
        switch lead {
        case 0x00..<0x80: return bytes.count
        case 0xC0..<0xE0: need = 2
        case 0xE0..<0xF0: need = 3
        case 0xF0..<0xF8: need = 4
        default: return bytes.count
        }
        return back + 1 < need ? start - 1 : bytes.count
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7f && scalar.value < 0xa0)
    }

    /// `\n`, `\r`, `\t`, `\0`, else `\x1b` (or `\u0085` for the C1 controls).
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case "\0": "\\0"
        default:
            scalar.value < 0x80 ? "\\x" + hexByte(UInt8(scalar.value))
                : "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
        }
    }

    private static let digits = Array("0123456789abcdef")

    static func hexByte(_ byte: UInt8) -> String {
        String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
