import Foundation

/// Kafka's `ssl.principal.mapping.rules`: `DEFAULT` (the distinguished name as it is) and
/// `RULE:pattern/replacement/[LU]`, tried in order; the first whose pattern matches the whole name gives the
/// principal name (L/U: lower or upper case). A name no rule matches is refused, as Kafka refuses it.
struct SslPrincipalMapper: Sendable {
    enum Rule: Sendable {
        case asIs
        case rewrite(regex: NSRegularExpression, replacement: String, caseChange: Character?)
    }

    let rules: [Rule]

    /// Parses the property; nil or empty means DEFAULT.
    init(rules text: String?) throws {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            rules = [.asIs]
            return
        }
        let pattern = #"\s*(DEFAULT|RULE:((\\.|[^\\/])*)/((\\.|[^\\/])*)/([LU]?))\s*(,|$)"#
        let regex = try NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        var parsed: [Rule] = []
        var position = 0
        while position < ns.length {
            guard let match = regex.firstMatch(in: text, options: .anchored, range: NSRange(location: position, length: ns.length - position)),
                  match.range.length > 0 else {
                throw ServerError("ssl.principal.mapping.rules has an invalid rule at \"\(ns.substring(from: position))\".")
            }
            if ns.substring(with: match.range(at: 1)) == "DEFAULT" {
                parsed.append(.asIs)
            } else {
                let flag = ns.substring(with: match.range(at: 6))
                let pattern = ns.substring(with: match.range(at: 2))
                // Compiled once here: a pattern that does not compile stops the start instead of being skipped.
                guard let compiled = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else {
                    throw ServerError("ssl.principal.mapping.rules has a rule whose pattern \"\(pattern)\" is not a valid regular expression.")
                }
                parsed.append(.rewrite(regex: compiled, replacement: ns.substring(with: match.range(at: 4)), caseChange: flag.first))
            }
            position = match.range.location + match.range.length
        }
        rules = parsed
    }

    /// The principal name for a distinguished name; nil when no rule matches.
    func name(for distinguishedName: String) -> String? {
        for rule in rules {
            switch rule {
            case .asIs:
                return distinguishedName
            case .rewrite(let regex, let replacement, let caseChange):
                let range = NSRange(location: 0, length: (distinguishedName as NSString).length)
                guard regex.firstMatch(in: distinguishedName, range: range) != nil else { continue }
                let result = regex.stringByReplacingMatches(in: distinguishedName, range: range, withTemplate: replacement)
                switch caseChange {
                case "L": return result.lowercased()
                case "U": return result.uppercased()
                default: return result
                }
            }
        }
        return nil
    }
}
