/// A first argument that names no command. Without this check the parser hands it to the default command
/// (the workbench), whose answer is about the workbench's options ("Unknown option '--list'. Did you mean
/// '--port'?") rather than the mistyped command.
struct UnknownCommand: Equatable {
    let name: String
    /// The known command closest to `name`, if one is close enough to be what was meant.
    let suggestion: String?
    let commands: [String]

    /// nil when `arguments` start with an option (the default command's) or with a known command.
    init?(arguments: [String], commands: [String]) {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) else { return nil }
        name = first
        self.commands = commands
        suggestion = UnknownCommand.closest(to: first, in: commands)
    }

    var sentence: String {
        if let suggestion { return "Unknown command '\(name)'. Did you mean '\(suggestion)'?" }
        return "Unknown command '\(name)'; the commands are \(commands.joined(separator: ", "))."
    }

    /// The command a typo most likely meant: the only one starting with what was typed, else the one a
    /// few edits away (about one per three letters).
    static func closest(to name: String, in commands: [String]) -> String? {
        let typed = name.lowercased()
        let extended = commands.filter { $0.hasPrefix(typed) }
        if typed.count >= 2, extended.count == 1 { return extended[0] }
        let nearest = commands.map { ($0, editDistance(typed, $0)) }.min { $0.1 < $1.1 }
        guard let (command, distance) = nearest, distance <= max(1, min(typed.count, command.count) / 3) else { return nil }
        return command
    }

    /// Levenshtein distance: the insertions, deletions and substitutions turning `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
