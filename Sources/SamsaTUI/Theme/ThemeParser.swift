import Foundation

/// Reads btop-style theme files: `#` comments, blank lines, and `theme[key]="#RRGGBB"` lines.
/// Bad lines and unknown keys are reported (one sentence each) and skipped; missing keys come from
/// the compiled-in default.
public enum ThemeParser {
    public struct Result: Sendable {
        public let theme: Theme
        public let problems: [String]
    }

    enum Line: Equatable {
        case blank
        case color(ThemeKey, RGB)
        case unknownKey(String)
        case badColor(key: String, value: String)
        case malformed
    }

    public static func parse(_ text: String, name: String) -> Result {
        var colors: [ThemeKey: RGB] = [:]
        var problems: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let where_ = "\(name).theme line \(index + 1)"
            switch classify(line) {
            case .blank?, nil: continue
            case .color(let key, let rgb)?: colors[key] = rgb
            case .unknownKey(let key)?: problems.append("\(where_): unknown key '\(key)' is ignored.")
            case .badColor(let key, let value)?:
                problems.append("\(where_): '\(value)' for \(key) is not a colour like \"#RRGGBB\"; using the default.")
            case .malformed?:
                let shown = DisplayWidth.truncate(line.trimmingCharacters(in: .whitespaces), to: 40)
                problems.append("\(where_): expected theme[key]=\"#RRGGBB\" but found '\(shown)'.")
            }
        }
        return Result(theme: Theme(name: name, colors: colors), problems: problems)
    }

    /// Classifies one line; nil for a comment.
    static func classify(_ line: String) -> Line? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .blank }
        if trimmed.hasPrefix("#") { return nil }
        guard trimmed.hasPrefix("theme["), let close = trimmed.firstIndex(of: "]") else { return .malformed }
        let key = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 6)..<close])
        var rest = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("=") else { return .malformed }
        rest = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        if rest.count >= 2, rest.first == "\"" || rest.first == "'", rest.last == rest.first {
            rest = String(rest.dropFirst().dropLast())
        }
        guard let themeKey = ThemeKey(rawValue: key) else { return .unknownKey(key) }
        // btop leaves a key empty to mean "use the default".
        if rest.isEmpty { return .blank }
        guard let rgb = RGB(parsing: rest) else { return .badColor(key: key, value: rest) }
        return .color(themeKey, rgb)
    }
}
