import Foundation

/// A Java `Pattern` on NSRegularExpression (ICU's syntax is Java's for everything Connect users write:
/// classes, groups, named groups, lookaround, `(?i)`), with `Matcher.matches()` (the whole text),
/// `Matcher.replaceFirst` and Java's replacement syntax (`$1`, `${name}`, `\$`).
struct JavaRegex {
    let pattern: String
    private let whole: NSRegularExpression
    private let plain: NSRegularExpression

    /// Throws a sentence saying why the pattern does not compile.
    init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            whole = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
            plain = try NSRegularExpression(pattern: pattern) // also rejects patterns that only compile wrapped, e.g. "a)(b"
        } catch {
            throw ConnectError.config("\(pattern) is not a valid Java regular expression")
        }
    }

    /// Java's `RegexValidator` sentence for `name`, or nil when the pattern compiles.
    static func validationProblem(_ name: String, _ value: String) -> String? {
        let v = value.trimmingCharacters(in: .whitespaces)
        do { _ = try JavaRegex(v) } catch { return TransformConfig.invalid(name, v, "Invalid regex: \((error as? ConnectError)?.message ?? "")") }
        return nil
    }

    /// `pattern.matcher(text).matches()`.
    func matches(_ text: String) -> Bool {
        whole.firstMatch(in: text, options: [], range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    /// Kafka's RegexRouter step: when the pattern matches the whole text, `matcher.replaceFirst(replacement)`,
    /// which replaces the first match found from the start (for `a|ab` on `ab` that is `a`); nil when the
    /// whole text does not match. A bad group reference throws Java's sentence.
    func replaceWhole(_ text: String, with replacement: String) throws -> String? {
        let ns = text as NSString
        guard matches(text), let m = plain.firstMatch(in: text, options: [], range: NSRange(location: 0, length: ns.length)) else { return nil }
        let expanded = try expand(replacement, m, ns)
        return ns.substring(to: m.range.location) + expanded + ns.substring(from: m.range.location + m.range.length)
    }

    private func expand(_ replacement: String, _ m: NSTextCheckingResult, _ ns: NSString) throws -> String {
        func group(_ i: Int) -> String {
            let r = m.range(at: i)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
        let groupCount = m.numberOfRanges - 1
        var out = ""
        let chars = Array(replacement)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                i += 1
                guard i < chars.count else { throw ConnectError.dataException("character to be escaped is missing") }
                out.append(chars[i]); i += 1
            } else if c == "$" {
                i += 1
                guard i < chars.count else { throw ConnectError.dataException("Illegal group reference: group index is missing") }
                if chars[i] == "{" {
                    guard let close = chars[i...].firstIndex(of: "}") else { throw ConnectError.dataException("named capturing group is missing trailing '}'") }
                    let name = String(chars[(i + 1)..<close])
                    guard !name.isEmpty else { throw ConnectError.dataException("named capturing group has 0 length name") }
                    let r = m.range(withName: name)
                    guard r.location != NSNotFound || pattern.contains("(?<\(name)>") else {
                        throw ConnectError.dataException("No group with name {\(name)}")
                    }
                    if r.location != NSNotFound { out += ns.substring(with: r) }
                    i = close + 1
                } else {
                    guard let first = chars[i].wholeNumberValue, chars[i].isASCII else {
                        throw ConnectError.dataException("Illegal group reference")
                    }
                    var ref = first
                    i += 1
                    // Java keeps taking digits while the group number still exists.
                    while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII, ref * 10 + d <= groupCount {
                        ref = ref * 10 + d; i += 1
                    }
                    guard ref <= groupCount else { throw ConnectError.dataException("No group \(ref)") }
                    out += group(ref)
                }
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }
}
