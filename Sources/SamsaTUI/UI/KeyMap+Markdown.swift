/// The key map as text for people outside the workbench: `samsa tui --keys` prints it and README.md shows
/// it (a compatibility test keeps the two identical), from the same data as the footer and the help.
extension KeyMap {
    /// What the mouse does, as the help overlay and the table list it.
    public static let mouseHelp: [(action: String, help: String)] = [
        ("click", "focus a pane and select the row"),
        ("wheel", "scroll the pane under the pointer"),
    ]

    /// Every binding as a Markdown table: keys, where they apply, what they do.
    public var markdownTable: String {
        var lines = ["| keys | where | what |", "|---|---|---|"]
        for binding in bindings {
            let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
            lines.append("| \(keys) | \(binding.scope.title) | \(binding.help) |")
        }
        for (action, help) in Self.mouseHelp {
            lines.append("| \(action) | Mouse | \(help) |")
        }
        return lines.joined(separator: "\n")
    }
}
