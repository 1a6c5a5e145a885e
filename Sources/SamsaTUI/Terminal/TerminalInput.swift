/// One thing read from the terminal: a key, or a bracketed paste's start or end marker.
enum TerminalInput: Equatable {
    case key(Key)
    case pasteBegin
    case pasteEnd
    /// Something the workbench has no use for (an unbound function key, an ignored mouse button); reading
    /// goes on past it.
    case ignored
}

/// Where the event loop reads input: the terminal, or a script in tests.
protocol TerminalInputSource: AnyObject {
    /// The next input; with `waiting`, waits up to a tick for one, else takes only what is already there.
    /// nil when none came.
    func readInput(waiting: Bool) -> TerminalInput?
}
