/// The Streams view: S shows it (in place of the topic, group and transaction panes), j/k choose an
/// application, PgUp/PgDn scroll its details, s starts a demo, x stops the selected app started here.
extension Workbench {
    func runStreams(_ command: Command) -> [Effect] {
        switch command {
        case .toggleStreams:
            showStreams(!state.showStreams)
        case .startStreams:
            state.overlay = .menu([MenuBuilder.startStreamsLevel()])
        case .stopStreams:
            guard let id = state.selectedStreamsApp, snapshot.streamsApp(id: id) != nil else {
                setStatus("Only apps started here can be stopped from the workbench; select one (j/k) or start one with s.", .info)
                return []
            }
            state.overlay = .confirm(ConfirmState(question: "Stop Streams app \(id)? It commits, flushes its stores and leaves its group.",
                                                  then: .run(.stopStreams(applicationId: id))))
        default:
            break
        }
        return []
    }

    func showStreams(_ shown: Bool) {
        state.showStreams = shown
        if shown { state.showConnect = false }
        state.zoomed = false
        if shown { state.focus = .streams } else if state.focus == .streams { state.focus = .topics }
        relayout()
    }

    /// A demo started: the view shows it, and the producer pane writes to its (first) input topic.
    func startedStreams(_ launch: StreamsLaunch) {
        if !state.showStreams { showStreams(true) }
        selectStreamsApp(launch.applicationId)
        if let input = launch.inputTopics.first {
            if snapshot.topic(named: input) != nil {
                state.selectedTopic = input
                state.selectedPartition = 0
            } else {
                state.wantedTopic = input
            }
        }
    }

    func selectStreamsApp(_ id: String) {
        if id != state.selectedStreamsApp { state.streamsDetailScroll = 0 }
        state.selectedStreamsApp = id
    }

    /// One row chooses the next or previous application; a page (or g/G) scrolls the details.
    func moveStreams(by delta: Int) {
        if abs(delta) == 1 {
            let apps = StreamsApplication.all(in: snapshot)
            guard !apps.isEmpty else { return }
            let current = apps.firstIndex { $0.id == state.selectedStreamsApp } ?? 0
            selectStreamsApp(apps[max(0, min(apps.count - 1, current + delta))].id)
        } else {
            state.streamsDetailScroll = max(0, state.streamsDetailScroll.addingReportingOverflow(delta).partialValue)
        }
    }

    /// The application the Streams view shows in detail.
    var selectedStreamsApplication: StreamsApplication? {
        let apps = StreamsApplication.all(in: snapshot)
        return apps.first { $0.id == state.selectedStreamsApp } ?? apps.first
    }
}
