/// Everything a key can ask the workbench to do.
public enum Command: Sendable, Hashable {
    // Focus and movement.
    case focusNext, focusPrevious, moveUp, moveDown, moveTop, moveBottom, pageUp, pageDown, open, zoom
    // Global.
    case filter, menu, help, quit, switchTheme, toggleTour, toggleLanguage, showLog, produceHere
    // Topics.
    case createTopic, deleteTopic, addPartitions
    // Groups.
    case startConsumer, stopConsumer, resetOffsets
    // Tour.
    case tourNext, tourBack
    // Producer input.
    case send, cycleAcks, cyclePartitioning, clearInput, leaveInput
    // Overlays (menus, forms, dialogs, help).
    case confirm, cancel, nextField, previousField
}

/// Where a binding applies: everywhere, in one pane, or inside overlays (menus, forms, dialogs, help).
public enum BindingScope: Sendable, Hashable {
    case global
    case pane(PaneID)
    case overlay

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .pane(let pane): pane.title
        case .overlay: "Menus, forms and dialogs"
        }
    }
}

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
}
