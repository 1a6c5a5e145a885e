/// The key bindings, as data: one table drives key handling, the footer hints and the help overlay.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]
    private let lookup: [Scoped: Command]

    private struct Scoped: Hashable {
        let scope: BindingScope
        let key: Key
    }

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
        var lookup: [Scoped: Command] = [:]
        for binding in bindings {
            for key in binding.keys where lookup[Scoped(scope: binding.scope, key: key)] == nil {
                lookup[Scoped(scope: binding.scope, key: key)] = binding.command
            }
        }
        self.lookup = lookup
    }

    /// The command `key` runs in `scope`, if any.
    public func command(for key: Key, in scope: BindingScope) -> Command? {
        lookup[Scoped(scope: scope, key: key)]
    }

    /// Footer hints for a focused pane: its own bindings first, then the global ones. In a pane that takes
    /// typing (the producer input), letters and arrows are typed, so global hints keep only their other
    /// keys ("F2 menu" rather than "m/F2 menu") and hints left with none are dropped.
    public func footer(for pane: PaneID) -> [KeyBinding] {
        let global = bindings.filter { $0.inFooter && $0.scope == .global }
        return bindings.filter { $0.inFooter && $0.scope == .pane(pane) }
            + (pane.takesTyping ? global.compactMap { $0.withoutTypedKeys } : global)
    }

    /// Scopes in the order the help overlay lists them.
    public var scopes: [BindingScope] {
        var seen: [BindingScope] = []
        for binding in bindings where !seen.contains(binding.scope) { seen.append(binding.scope) }
        return seen
    }

    public static let standard = KeyMap(bindings: [
        // Everywhere.
        KeyBinding([.tab], .global, .focusNext, hint: "pane", help: "focus the next pane", footer: true),
        KeyBinding([.backTab], .global, .focusPrevious, hint: "back", help: "focus the previous pane"),
        KeyBinding([.char("l"), .right], .global, .focusNext, hint: "next", help: "focus the next pane"),
        KeyBinding([.char("h"), .left], .global, .focusPrevious, hint: "prev", help: "focus the previous pane"),
        KeyBinding([.char("j"), .down], .global, .moveDown, hint: "down", help: "move down"),
        KeyBinding([.char("k"), .up], .global, .moveUp, hint: "up", help: "move up"),
        KeyBinding([.char("g"), .home], .global, .moveTop, hint: "top", help: "jump to the first row"),
        KeyBinding([.char("G"), .end], .global, .moveBottom, hint: "bottom", help: "jump to the last row (follows new rows)"),
        KeyBinding([.pageUp, .ctrl("b")], .global, .pageUp, hint: "page up", help: "scroll a page up"),
        KeyBinding([.pageDown, .ctrl("f")], .global, .pageDown, hint: "page down", help: "scroll a page down"),
        KeyBinding([.enter], .global, .open, hint: "open", help: "open partitions or group actions; follow again"),
        KeyBinding([.char("/")], .global, .filter, hint: "filter", help: "filter the focused list (Enter keeps, Esc clears)", footer: true),
        KeyBinding([.char("m"), .function(2)], .global, .menu, hint: "menu", help: "open the action menu", footer: true),
        KeyBinding([.char("p")], .global, .produceHere, hint: "produce", help: "write records to the selected topic", footer: true),
        KeyBinding([.char("z")], .global, .zoom, hint: "zoom", help: "enlarge the focused pane, or restore it"),
        KeyBinding([.char("t")], .global, .toggleTour, hint: "tour", help: "show or hide the guided tour", footer: true),
        KeyBinding([.char("L")], .global, .toggleLanguage, hint: "한/EN", help: "switch the tour between English and Korean"),
        KeyBinding([.char("T")], .global, .switchTheme, hint: "theme", help: "switch to the next colour theme"),
        KeyBinding([.char("S")], .global, .toggleStreams, hint: "streams", help: "show or hide the Streams view", footer: true),
        KeyBinding([.char("C")], .global, .toggleConnect, hint: "connect", help: "show or hide the Connect view", footer: true),
        KeyBinding([.char("o")], .global, .showLog, hint: "log", help: "show the workbench log"),
        KeyBinding([.char("?"), .function(1)], .global, .help, hint: "help", help: "list every key", footer: true),
        KeyBinding([.char("b")], .global, .browseRecords, hint: "browse", help: "browse records of the topic, or of the partition", footer: true),
        KeyBinding([.char("q")], .global, .quit, hint: "quit", help: "quit (asks first while consumers or a transaction run)", footer: true),
        // Topics.
        KeyBinding([.char("c")], .pane(.topics), .createTopic, hint: "create", help: "create a topic", footer: true),
        KeyBinding([.char("d")], .pane(.topics), .deleteTopic, hint: "delete", help: "delete the selected topic (type its name to confirm)", footer: true),
        KeyBinding([.char("+")], .pane(.topics), .addPartitions, hint: "partitions", help: "add partitions to the selected topic"),
        KeyBinding([.char("a")], .pane(.topics), .toggleInternalTopics, hint: "internal", help: "show or hide internal topics (hidden at start)",
                   footer: true),
        // topicgroup: topic detail (its own keys are listed in its frame and the README).
        KeyBinding([.char("i")], .pane(.topics), .topicDetail, hint: "detail", help: "topic detail: configs with sources, edit, revert"),
        // Groups.
        KeyBinding([.char("s")], .pane(.groups), .startConsumer, hint: "start", help: "start a consumer in a group", footer: true),
        KeyBinding([.char("x")], .pane(.groups), .stopConsumer, hint: "stop", help: "stop a consumer started here", footer: true),
        KeyBinding([.char("r")], .pane(.groups), .resetOffsets, hint: "reset", help: "reset offsets: scenario, scope, preview, apply", footer: true),
        // Streams.
        KeyBinding([.char("s")], .pane(.streams), .startStreams, hint: "start", help: "start the word count or the windowed demo", footer: true),
        KeyBinding([.char("x")], .pane(.streams), .stopStreams, hint: "stop", help: "stop the selected app started here", footer: true),
        // Connect.
        KeyBinding([.char("s")], .pane(.connect), .newConnector, hint: "new", help: "create a file source, a file sink or a generator", footer: true),
        KeyBinding([.char("w")], .pane(.connect), .writeLines, hint: "write", help: "append lines to a file (what a file source reads)", footer: true),
        KeyBinding([.char(" ")], .pane(.connect), .pauseResumeConnector, hint: "pause/resume", help: "pause the selected connector, or resume it", footer: true),
        KeyBinding([.char("r")], .pane(.connect), .restartConnector, hint: "restart", help: "restart the selected connector and its tasks", footer: true),
        KeyBinding([.char("d")], .pane(.connect), .deleteConnector, hint: "delete", help: "delete the selected connector", footer: true),
        KeyBinding([.char("v")], .pane(.connect), .tailConnectorTopic, hint: "tail", help: "read the selected connector's topic in the record tail", footer: true),
        // Partitions (dumplog).
        KeyBinding([.char("v")], .pane(.partitions), .showSegments, hint: "segments", help: "show the partition's segment files as dump-log does", footer: true),
        // Tour.
        KeyBinding([.char("n"), .enter], .pane(.tour), .tourNext, hint: "next", help: "next step (doing-steps wait until done)", footer: true),
        KeyBinding([.char("b")], .pane(.tour), .tourBack, hint: "back", help: "previous step", footer: true),
        // Producer input.
        KeyBinding([.enter], .pane(.producer), .send, hint: "send", help: "send the typed record (key:value or value)", footer: true),
        KeyBinding([.ctrl("a")], .pane(.producer), .cycleAcks, hint: "acks", help: "cycle acks: 1, all, 0", footer: true),
        KeyBinding([.ctrl("p")], .pane(.producer), .cyclePartitioning, hint: "partition", help: "cycle partitioning: sticky, key hash, each partition", footer: true),
        KeyBinding([.ctrl("t")], .pane(.producer), .beginTransaction, hint: "begin txn", help: "begin a transaction (workbench-tx); Enter sends in it", footer: true),
        KeyBinding([.ctrl("e")], .pane(.producer), .commitTransaction, hint: "commit", help: "commit the open transaction", footer: true),
        KeyBinding([.ctrl("r")], .pane(.producer), .abortTransaction, hint: "abort", help: "abort the open transaction", footer: true),
        KeyBinding([.ctrl("u")], .pane(.producer), .clearInput, hint: "clear", help: "clear the input"),
        KeyBinding([.escape], .pane(.producer), .leaveInput, hint: "leave", help: "leave the input", footer: true),
        // Record browser.
        KeyBinding([.char("j"), .down], .browser, .moveDown, hint: "down", help: "next record"),
        KeyBinding([.char("k"), .up], .browser, .moveUp, hint: "up", help: "previous record (stops following)"),
        KeyBinding([.pageDown, .ctrl("f"), .char(" ")], .browser, .pageDown, hint: "page", help: "a page down (reads the next page)"),
        KeyBinding([.pageUp, .ctrl("b")], .browser, .pageUp, hint: "page up", help: "a page up (reads the page before)"),
        KeyBinding([.char("g"), .home], .browser, .moveTop, hint: "earliest", help: "seek to the earliest records"),
        KeyBinding([.char("G"), .end], .browser, .moveBottom, hint: "latest", help: "seek to the latest records and follow new ones"),
        KeyBinding([.char("s")], .browser, .seekRecords, hint: "seek", help: "seek: earliest, latest, offset, 2026-11-30 10:00, -15m", footer: true),
        KeyBinding([.char("f"), .char("/")], .browser, .filter, hint: "find", help: "search: text, k:key, v:value, /regex/, h:header[=value]", footer: true),
        KeyBinding([.char("n")], .browser, .nextMatch, hint: "next", help: "next match in the loaded range", footer: true),
        KeyBinding([.char("N")], .browser, .previousMatch, hint: "prev", help: "previous match in the loaded range"),
        KeyBinding([.enter], .browser, .open, hint: "open", help: "open the record whole (headers, key, value)", footer: true),
        KeyBinding([.char("w")], .browser, .writeRecord, hint: "write", help: "write the selected record to a file (JSON lines)", footer: true),
        KeyBinding([.char("W")], .browser, .writeRecords, hint: "write all", help: "write the matches (or every loaded record) to a file"),
        KeyBinding([.char("P")], .browser, .reproduceRecord, hint: "re-produce", help: "send the record again (edit key, value, headers, topic)", footer: true),
        KeyBinding([.escape, .char("q")], .browser, .cancel, hint: "close", help: "close the record (or the browser)", footer: true),
        // Overlays.
        KeyBinding([.enter], .overlay, .confirm, hint: "choose", help: "choose, submit or confirm (l/→ opens a submenu)"),
        KeyBinding([.escape], .overlay, .cancel, hint: "close", help: "go back, cancel or close (h/← in menus)"),
        KeyBinding([.tab, .down], .overlay, .nextField, hint: "next", help: "next item or field"),
        KeyBinding([.backTab, .up], .overlay, .previousField, hint: "prev", help: "previous item or field"),
    ])
}
