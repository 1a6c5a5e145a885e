/// A strict RFC 8259 reader over UTF-8 bytes: no comments, no trailing commas, no single quotes, nothing but
/// whitespace after the value, nesting at most `maxDepth` deep (Jackson's default limit is 1000).
struct JSONParser {
    static let maxDepth = 1000

    private let bytes: [UInt8]
    /// Jackson's ALLOW_LEADING_ZEROS_FOR_NUMBERS, which Kafka's JsonDeserializer turns on (`0012` is 12).
    private let allowLeadingZeros: Bool
    private var pos = 0
    private var depth = 0

    init(_ bytes: [UInt8], allowLeadingZeros: Bool = false) {
        self.bytes = bytes
        self.allowLeadingZeros = allowLeadingZeros
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard pos < bytes.count else { throw fail("the input is empty") }
        let value = try parseValue()
        skipWhitespace()
        if pos < bytes.count { throw fail("unexpected \(describe(bytes[pos])) after the end of the value") }
        return value
    }

    private func fail(_ reason: String) -> JSONParseError { JSONParseError(reason: reason, offset: pos) }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 {
            pos += 1
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < bytes.count else { throw fail("the input ends where a value was expected") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected \(describe(bytes[pos])) where a value was expected")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let start = pos
        let text = word.utf8Start
        for i in 0..<word.utf8CodeUnitCount {
            guard pos < bytes.count, bytes[pos] == text[i] else {
                pos = start
                throw fail("unrecognised token where a value was expected")
            }
            pos += 1
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("nesting is deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        pos += 1
        var object = JSONObject()
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a string key in an object") }
            let key = try parseString()
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
            pos += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            guard pos < bytes.count else { throw fail("the input ends inside an object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; break }
            throw fail("expected ',' or '}' after an object member")
        }
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        pos += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard pos < bytes.count else { throw fail("the input ends inside an array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
            throw fail("expected ',' or ']' after an array element")
        }
        depth -= 1
        return .array(array)
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = pos
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < bytes.count else { pos = quote; throw fail("a string is not closed") }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw fail("a control character must be escaped inside a string") }
            if b != UInt8(ascii: "\\") { pos += 1; continue }
            out.append(contentsOf: bytes[runStart..<pos])
            pos += 1
            guard pos < bytes.count else { throw fail("a string ends inside an escape") }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out.append(contentsOf: try parseUnicodeEscape())
            default: pos -= 1; throw fail("\(describe(e)) is not a valid escape")
            }
            runStart = pos
        }
        out.append(contentsOf: bytes[runStart..<pos])
        pos += 1
        guard let text = String(validating: out, as: UTF8.self) else {
            pos = quote
            throw fail("a string is not valid UTF-8")
        }
        return text
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    private mutating func parseUnicodeEscape() throws(JSONParseError) -> [UInt8] {
        var code = try hex4()
        if code >= 0xD800 && code < 0xDC00 {
            guard pos + 2 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                throw fail("a high surrogate escape is not followed by a low surrogate")
            }
            pos += 2
            let low = try hex4()
            guard low >= 0xDC00 && low < 0xE000 else { throw fail("a high surrogate escape is not followed by a low surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if code >= 0xDC00 && code < 0xE000 {
            throw fail("a low surrogate escape has no high surrogate before it")
        }
        return Array(String(Character(Unicode.Scalar(code)!)).utf8)
    }

    private mutating func digits() -> Int {
        let start = pos
        while pos < bytes.count, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") { pos += 1 }
        return pos - start
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") else {
            throw fail("a number needs a digit after '-'")
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") {
                guard allowLeadingZeros else { throw fail("a number may not have a leading zero") }
                _ = digits()
            }
        } else {
            _ = digits()
        }
        var integral = true
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            integral = false
            pos += 1
            if digits() == 0 { throw fail("a number needs digits after its decimal point") }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            integral = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            if digits() == 0 { throw fail("a number needs digits in its exponent") }
        }
        var text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if allowLeadingZeros { text = Self.withoutLeadingZeros(text) }
        if integral {
            if let v = Int64(text) { return .integer(v) }
            return .number(text)
        }
        // Up to 15 significant digits always survive a Double; longer texts are kept exact (BigDecimal-like).
        let significant = text.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber).drop { $0 == "0" }.count
        if significant <= 15, let d = Double(text), d.isFinite { return .double(d) }
        return .number(text)
    }
}

extension JSONParser {
    static func withoutLeadingZeros(_ text: String) -> String {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        while body.count > 1, body.first == "0", let next = body.dropFirst().first, next.isNumber { body = body.dropFirst() }
        return (negative ? "-" : "") + body
    }
}

extension JSONValue {
    /// Parses one JSON document from UTF-8 bytes; throws `JSONParseError` naming the byte where it failed.
    /// `allowLeadingZeros` reads `0012` as 12, as Kafka's JsonDeserializer does. Fractional numbers are
    /// `.double`, or `.number(text)` when they have more than 15 significant digits (kept exact).
    public static func parse(_ bytes: [UInt8], allowLeadingZeros: Bool = false) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes, allowLeadingZeros: allowLeadingZeros)
        return try parser.parseDocument()
    }

    public static func parse(_ text: String, allowLeadingZeros: Bool = false) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), allowLeadingZeros: allowLeadingZeros)
    }
}
