import SamsaConnect

/// The menu's Connect section: create a file source, a file sink or a generator (forms), write lines to a
/// file, pause/resume, restart or delete each connector, show the Connect view.
extension MenuBuilder {
    static func connectItems(_ connect: WorkbenchConnect) -> [MenuItem] {
        var items = newConnectorLevel(connect).items
        items.append(MenuItem(title: "Write lines to a file…", note: "what a file source reads",
                              then: .form(ConnectForms.appendForm(file: "test.txt", directory: connect.directory))))
        for connector in connect.snapshot?.connectors ?? [] {
            items += connectorItems(connector.name, state: connector.state)
        }
        items.append(MenuItem(title: "Show or hide the Connect view (C)", then: .command(.toggleConnect)))
        return items
    }

    /// What s in the Connect view offers: one form per kind of connector.
    static func newConnectorLevel(_ connect: WorkbenchConnect) -> MenuLevel {
        let notes: [ConnectorKind: String] = [.fileSource: "a file's lines into a topic", .fileSink: "a topic's records into a file",
                                              .generator: "fake users, page views, orders or trades"]
        // Over REST: only what the cluster's plugins can run.
        let kinds = ConnectorKind.allCases.filter { kind in connect.remote.map { $0.hasPlugin(kind.pluginClass) } ?? true }
        guard !kinds.isEmpty else {
            return MenuLevel(title: "Create a connector", items: [
                MenuItem(title: "The Connect cluster has no FileStream or Datagen plugin", note: "GET /connector-plugins", enabled: false, then: nil),
            ])
        }
        return MenuLevel(title: "Create a connector", items: kinds.map { kind in
            MenuItem(title: "Create a \(kind.title)…", note: notes[kind] ?? "", then: .form(ConnectForms.form(kind, directory: connect.directory)))
        })
    }

    /// Pause or resume, restart, delete.
    static func connectorItems(_ name: String, state: ConnectState) -> [MenuItem] {
        let paused = state == .paused
        return [
            MenuItem(title: (paused ? "Resume" : "Pause") + " connector \(name)",
                     then: .run(.controlConnector(name: name, paused ? .resume : .pause))),
            MenuItem(title: "Restart connector \(name) and its tasks", then: .run(.controlConnector(name: name, .restart))),
            MenuItem(title: "Delete connector \(name)…", then: .confirm(deleteConfirmation(name))),
        ]
    }

    static func deleteConfirmation(_ name: String) -> ConfirmState {
        ConfirmState(question: "Delete connector \(name)? Its tasks stop; its topic and files stay.",
                     then: .run(.controlConnector(name: name, .delete)))
    }
}
