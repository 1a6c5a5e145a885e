/// Reads Java properties files (Kafka's `server.properties`, Connect's worker and connector files): `key=value`
/// or `key: value`, `#`/`!` comments, backslash line continuations and escapes.
public enum JavaProperties {
    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "line \(line): \(text)" }
    }

    public static func parse(_ text: String) throws -> [String: String] {
        var result: [String: String] = [:]
        var logical = ""
        var startLine = 0
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if logical.isEmpty {
                line = line.drop { $0 == " " || $0 == "\t" }
                if line.isEmpty || line.first == "#" || line.first == "!" { continue }
                startLine = number + 1
            } else {
                line = line.drop { $0 == " " || $0 == "\t" }
            }
            let trailingBackslashes = line.reversed().prefix { $0 == "\\" }.count
            if trailingBackslashes % 2 == 1 {
                logical += line.dropLast()
                continue
            }
            logical += line
            let (key, value) = try split(logical, line: startLine)
            result[key] = value
            logical = ""
        }
        if !logical.isEmpty {
            let (key, value) = try split(logical, line: startLine)
            result[key] = value
        }
        return result
    }

    private static func split(_ line: String, line number: Int) throws -> (String, String) {
        var key = ""
        var index = line.startIndex
        var escaped = false
        while index < line.endIndex {
            let c = line[index]
            if escaped {
                key.append(unescape(c))
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "=" || c == ":" || c == " " || c == "\t" {
                break
            } else {
                key.append(c)
            }
            index = line.index(after: index)
        }
        // Skip whitespace, one separator, whitespace.
        while index < line.endIndex, line[index] == " " || line[index] == "\t" { index = line.index(after: index) }
        if index < line.endIndex, line[index] == "=" || line[index] == ":" { index = line.index(after: index) }
        while index < line.endIndex, line[index] == " " || line[index] == "\t" { index = line.index(after: index) }
        var value = ""
        escaped = false
        for c in line[index...] {
            if escaped {
                value.append(unescape(c))
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                value.append(c)
            }
        }
        if key.isEmpty { throw ParseError(line: number, text: "a property has no key") }
        return (key, value)
    }

    private static func unescape(_ c: Character) -> Character {
        switch c {
        case "t": "\t"
        case "n": "\n"
        case "r": "\r"
        case "f": "\u{0C}"
        default: c
        }
    }
}
