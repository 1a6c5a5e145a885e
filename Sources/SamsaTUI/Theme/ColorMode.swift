import Foundation

/// How many colours the workbench uses.
public enum ColorMode: String, Sendable, Equatable, CaseIterable {
    /// xterm's 256-colour palette (the 6×6×6 cube and the grey ramp), nearest match per theme colour.
    case ansi256 = "256"
    /// The eight basic colours.
    case eight = "8"
    /// No colours: bold, dim and reverse keep things legible.
    case none

    /// Parses "256", "8", "none" (also "0", "no", "mono").
    public init?(argument: String) {
        switch argument.lowercased() {
        case "256", "ansi256": self = .ansi256
        case "8", "eight": self = .eight
        case "none", "0", "no", "mono", "off": self = .none
        default: return nil
        }
    }

    /// What a terminal reporting `colors` colours can show, after the NO_COLOR convention
    /// (https://no-color.org: present and not empty means no colour).
    public static func detect(terminalColors colors: Int, hasColors: Bool,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        if colors >= 256 { return .ansi256 }
        if colors >= 8 { return .eight }
        return .none
    }
}
