import SamsaConnect

/// The Connect view: C shows it (in place of the topic, group and transaction panes), j/k choose a
/// connector, PgUp/PgDn scroll its details, s creates one through a form, w writes lines to a file, Space
/// pauses or resumes, r restarts, d deletes (asking first), v reads its topic in the record tail.
extension Workbench {
    func runConnect(_ command: Command) -> [Effect] {
        let connect = snapshot.connect
        switch command {
        case .toggleConnect:
            showConnect(!state.showConnect)
        case .newConnector:
            state.overlay = .menu([MenuBuilder.newConnectorLevel(connect)])
        case .writeLines:
            state.overlay = .form(ConnectForms.appendForm(file: sourceFile(of: selectedConnector) ?? "test.txt", directory: connect.directory))
        case .pauseResumeConnector, .restartConnector, .deleteConnector, .tailConnectorTopic:
            guard let connector = selectedConnector else {
                setStatus("No connector yet: press s in the Connect view (C) to create one.", .info)
                return []
            }
            return runConnect(command, on: connector)
        default:
            break
        }
        return []
    }

    private func runConnect(_ command: Command, on connector: ConnectSnapshot.ConnectorEntry) -> [Effect] {
        switch command {
        case .pauseResumeConnector:
            return perform(.controlConnector(name: connector.name, connector.state == .paused ? .resume : .pause))
        case .restartConnector:
            return perform(.controlConnector(name: connector.name, .restart))
        case .deleteConnector:
            state.overlay = .confirm(MenuBuilder.deleteConfirmation(connector.name))
        case .tailConnectorTopic:
            guard let topic = connector.topics.first else {
                setStatus("Connector \(connector.name) has no topic yet.", .info)
                return []
            }
            var form = FormState.startConsumer(topic: topic)
            form.fields[0].value = "workbench-" + topic
            state.overlay = .form(form)
        default:
            break
        }
        return []
    }

    func showConnect(_ shown: Bool) {
        state.showConnect = shown
        if shown { state.showStreams = false }
        state.zoomed = false
        if shown { state.focus = .connect } else if state.focus == .connect { state.focus = .topics }
        relayout()
    }

    func selectConnector(_ name: String) {
        if name != state.selectedConnector { state.connectDetailScroll = 0 }
        state.selectedConnector = name
    }

    /// One row chooses the next or previous connector; a page (or g/G) scrolls the details.
    func moveConnect(by delta: Int) {
        if abs(delta) == 1 {
            let connectors = snapshot.connect.snapshot?.connectors ?? []
            guard !connectors.isEmpty else { return }
            let current = connectors.firstIndex { $0.name == state.selectedConnector } ?? 0
            selectConnector(connectors[max(0, min(connectors.count - 1, current + delta))].name)
        } else {
            state.connectDetailScroll = max(0, state.connectDetailScroll.addingReportingOverflow(delta).partialValue)
        }
    }

    /// The connector the Connect view shows in detail.
    var selectedConnector: ConnectSnapshot.ConnectorEntry? {
        let connectors = snapshot.connect.snapshot?.connectors ?? []
        return connectors.first { $0.name == state.selectedConnector } ?? connectors.first
    }

    /// The file a source connector reads, for the "write lines" form.
    private func sourceFile(of connector: ConnectSnapshot.ConnectorEntry?) -> String? {
        guard let connector, connector.type == .source else { return nil }
        return snapshot.connect.files[connector.name]?.path
    }
}
