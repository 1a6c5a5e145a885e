/// One key binding: the keys, what the footer and help call them, and the command they run.
public struct KeyBinding: Sendable, Hashable {
    public let keys: [Key]
    public let scope: BindingScope
    public let command: Command
    /// Short description for the footer ("menu").
    public let hint: String
    /// Longer description for the help overlay.
    public let help: String
    /// Whether the footer shows it (the help overlay shows every binding).
    public let inFooter: Bool

    public init(_ keys: [Key], _ scope: BindingScope, _ command: Command, hint: String, help: String,
                footer: Bool = false) {
        self.keys = keys
        self.scope = scope
        self.command = command
        self.hint = hint
        self.help = help
        self.inFooter = footer
    }

    /// "j/↓", "m/F2".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    /// This binding without the keys a text input takes (characters, arrows), or nil if none is left.
    var withoutTypedKeys: KeyBinding? {
        let kept = keys.filter { key in
            switch key {
            case .char, .up, .down, .left, .right: false
            default: true
            }
        }
        guard !kept.isEmpty else { return nil }
        return KeyBinding(kept, scope, command, hint: hint, help: help, footer: inFooter)
    }
}
