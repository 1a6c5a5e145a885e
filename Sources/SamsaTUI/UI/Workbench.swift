import Foundation

/// The workbench's state machine: it takes snapshots, keys and action outcomes, keeps the UI state, and
/// says what the event loop must do (run an action, switch theme, quit). Drawing is in `FrameRenderer`.
/// Single-threaded: only the event loop (or a test) touches it.
final class Workbench {
    /// What the event loop must do after a key.
    enum Effect: Equatable {
        case perform(WorkbenchAction)
        case applyTheme(String)
        case quit
    }

    let keyMap: KeyMap
    let themeNames: [String]
    let logBuffer: LogBuffer?
    var glyphs: Glyphs
    private(set) var snapshot: WorkbenchSnapshot
    var state = UIState()
    private(set) var lagHistory: LagHistory
    var tour: TourProgress
    private(set) var rows: Int
    private(set) var cols: Int
    private(set) var layout: Layout
    /// The time of the last snapshot or tick: what ages on screen are measured against.
    private(set) var now: Date
    private var filterCache: [PaneID: (version: UInt64, filter: String, internal: Bool, indexes: [Int])] = [:]

    init(snapshot: WorkbenchSnapshot, rows: Int, cols: Int, keyMap: KeyMap = .standard, themeNames: [String] = ["default"],
         themeName: String = "default", language: TourLanguage = .english, showTour: Bool = false,
         glyphs: Glyphs = .unicode, logBuffer: LogBuffer? = nil, lagHistory: LagHistory = LagHistory(),
         now: Date = Date(), dataDirectory: String? = nil) {
        self.snapshot = snapshot
        self.keyMap = keyMap
        self.themeNames = themeNames
        self.glyphs = glyphs
        self.logBuffer = logBuffer
        self.rows = rows
        self.cols = cols
        self.lagHistory = lagHistory
        self.now = now
        tour = TourProgress(steps: TourSteps.all(dataDirectory: dataDirectory), snapshot: snapshot)
        state.themeName = themeName
        state.language = language
        state.showTour = showTour
        if showTour { state.focus = .tour }
        layout = Layout(rows: rows, cols: cols, showTour: showTour)
        selectDefaults()
        self.lagHistory.record(snapshot, at: now)
    }

    // MARK: inputs from the loop

    /// Takes a new snapshot; returns whether anything on screen may have changed.
    @discardableResult
    func update(_ new: WorkbenchSnapshot, now: Date = Date()) -> Bool {
        // The version is the contract: comparing whole snapshots every tick would cost more than a frame.
        guard new.version != snapshot.version else { return false }
        snapshot = new
        self.now = now
        lagHistory.record(new, at: now)
        if tour.observe(new), state.showTour { setStatus(tourStepDone, .success, now) }
        selectDefaults()
        return true
    }

    /// Time passing: lag samples and expiring status lines; returns whether a redraw is needed.
    func tick(now: Date = Date()) -> Bool {
        var changed = false
        // Open transactions' ages count seconds.
        if Int(now.timeIntervalSince1970) != Int(self.now.timeIntervalSince1970), snapshot.transactions.contains(where: { $0.state.isOpen }) {
            changed = true
        }
        self.now = now
        if lagHistory.record(snapshot, at: now), !snapshot.groups.isEmpty { changed = true }
        if let status = state.status, now.timeIntervalSince(status.time) > status.lifetime {
            state.status = nil
            changed = true
        }
        return changed
    }

    func resize(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        relayout()
    }

    /// An action finished off the UI thread.
    func receive(_ outcome: ActionOutcome, now: Date = Date()) {
        state.pending = max(0, state.pending - 1)
        // The snapshot showing what the action did may come before its outcome; the tour's word that the
        // step is done then stays on the line, after the outcome.
        var message = outcome.message
        if let status = state.status, status.text == tourStepDone, now.timeIntervalSince(status.time) < status.lifetime {
            message += " " + tourStepDone
        }
        setStatus(message, outcome.isError ? .error : .success, now)
        received(outcome)
        receivedSegments(outcome)
        receivedTopicGroup(outcome)
        switch outcome.action {
        case .produce:
            state.producer.sending = max(0, state.producer.sending - 1)
            state.producer.lastResult = ((outcome.isError ? "✕ " : "✓ ") + outcome.message, outcome.isError)
        case .createTopic(let name, _, _) where !outcome.isError:
            state.selectedTopic = name
            state.selectedPartition = 0
        case .startStreams(let launch) where !outcome.isError:
            startedStreams(launch)
        default:
            break
        }
    }

    // MARK: derived state

    var tourStepDone: String {
        state.language == .english ? "Tour: step done. Press n in the tour to go on." : "투어: 단계를 마쳤습니다. 투어 창에서 n을 눌러 계속하세요."
    }

    var selectedTopic: TopicStatus? { state.selectedTopic.flatMap { snapshot.topic(named: $0) } }
    var selectedGroup: GroupStatus? { state.selectedGroup.flatMap { snapshot.group(id: $0) } }
    var selectedTransaction: TransactionStatus? { state.selectedTransaction.flatMap { snapshot.transaction(id: $0) } }

    /// Indexes of the rows the focused filter keeps in a list pane, cached per snapshot version and filter.
    func visibleIndexes(_ pane: PaneID) -> [Int] {
        if pane == .partitions { return Array(selectedTopic?.partitions.indices ?? (0..<0)) }
        let filter = state.filter(pane)
        if let cached = filterCache[pane], cached.version == snapshot.version, cached.filter == filter,
           cached.internal == state.showInternalTopics {
            return cached.indexes
        }
        let indexes: [Int]
        switch pane {
        case .topics: indexes = ListFilter.indexes(snapshot.topics, filter: filter) { $0.name }.filter(isTopicShown)
        case .groups: indexes = ListFilter.indexes(snapshot.groups, filter: filter) { $0.id }
        case .transactions: indexes = ListFilter.indexes(snapshot.transactions, filter: filter) { "\($0.transactionalId) \($0.state.name)" }
        case .tail: indexes = ListFilter.indexes(snapshot.tail, filter: filter) { "\($0.topic) \($0.key ?? "") \($0.value)" }
        case .events: indexes = ListFilter.indexes(snapshot.events, filter: filter) { $0.text }
        case .partitions, .streams, .connect, .producer, .tour: indexes = []
        }
        filterCache[pane] = (snapshot.version, filter, state.showInternalTopics, indexes)
        return indexes
    }

    func setStatus(_ text: String, _ kind: StatusMessage.Kind, _ now: Date = Date()) {
        state.status = StatusMessage(text: text, kind: kind, time: now)
    }

    func relayout() {
        layout = Layout(rows: rows, cols: cols, showTour: state.showTour, showStreams: state.showStreams, showConnect: state.showConnect,
                        zoomed: state.zoomed ? state.focus : nil)
        if !layout.isTooSmall, layout.panes[state.focus] == nil { state.focus = layout.focusOrder.first ?? .topics }
    }

    /// Keeps selections pointing at things that exist, defaulting to the first row.
    private func selectDefaults() {
        if let wanted = state.wantedTopic, snapshot.topic(named: wanted) != nil {
            state.selectedTopic = wanted
            state.selectedPartition = 0
            state.wantedTopic = nil
        }
        if !isSelectedTopicShown { selectFirstUserTopic() }
        let partitions = selectedTopic?.partitions.count ?? 0
        state.selectedPartition = min(state.selectedPartition, max(0, partitions - 1))
        if state.selectedGroup.flatMap({ snapshot.group(id: $0) }) == nil {
            state.selectedGroup = visibleIndexes(.groups).first.map { snapshot.groups[$0].id }
        }
        let apps = StreamsApplication.all(in: snapshot)
        if !apps.contains(where: { $0.id == state.selectedStreamsApp }) {
            state.selectedStreamsApp = apps.first?.id
            state.streamsDetailScroll = 0
        }
        let connectors = snapshot.connect.snapshot?.connectors ?? []
        if !connectors.contains(where: { $0.name == state.selectedConnector }) {
            state.selectedConnector = connectors.first?.name
            state.connectDetailScroll = 0
        }
        if selectedTransaction == nil {
            state.selectedTransaction = visibleIndexes(.transactions).first.map { snapshot.transactions[$0].transactionalId }
        }
    }
}
