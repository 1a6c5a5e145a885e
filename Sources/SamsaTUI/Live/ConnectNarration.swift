import SamsaConnect

/// What changed in the Connect worker between two of its snapshots, told as event-log sentences: connectors
/// and tasks changing state (a failure with its trace's first line), connectors appearing and going.
enum ConnectNarration {
    static func changes(from old: ConnectSnapshot?, to new: ConnectSnapshot) -> [(ClusterEvent.Kind, String)] {
        var told: [(ClusterEvent.Kind, String)] = []
        let before = Dictionary((old?.connectors ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for connector in new.connectors {
            let was = before[connector.name]
            if was?.state != connector.state {
                told.append(sentence("Connector \(connector.name)", connector.state, connector.trace))
            }
            let tasksBefore = Dictionary((was?.tasks ?? []).map { ($0.id, $0.state) }, uniquingKeysWith: { a, _ in a })
            for task in connector.tasks where tasksBefore[task.id] != task.state {
                told.append(sentence("Task \(connector.name)-\(task.id)", task.state, task.trace))
            }
        }
        let names = Set(new.connectors.map(\.name))
        for name in before.keys.sorted() where !names.contains(name) {
            told.append((.connectorDeleted, "Connector \(name) is gone"))
        }
        return told
    }

    private static func sentence(_ subject: String, _ state: ConnectState, _ trace: String?) -> (ClusterEvent.Kind, String) {
        if state == .failed {
            return (.connectorFailed, "\(subject) FAILED" + (ConnectRows.firstLine(trace).map { ": \($0)" } ?? ""))
        }
        return (.connectorChanged, "\(subject) is \(state.rawValue)")
    }
}
