/// What the status line and the event log say about Connect actions.
enum ConnectActionText {
    /// `Created connector local-file-source (FileStreamSource: /d/test.txt → connect-test)`.
    static func created(_ name: String, _ config: [String: String]) -> String {
        let connectorClass = ConnectRows.shortClass(config["connector.class"] ?? "?")
        var flow: String?
        if let topics = config["topics"] ?? config["topics.regex"] {
            flow = topics + " → " + (config["file"] ?? "stdout")
        } else if let topic = config["topic"] ?? config["kafka.topic"] {
            flow = (config["file"] ?? config["quickstart"] ?? "stdin") + " → " + topic
        }
        return "Created connector \(name) (\(connectorClass)" + (flow.map { ": " + $0 } ?? "") + ")"
    }

    static func progress(_ name: String, _ command: ConnectorCommand) -> String {
        switch command {
        case .pause: "Pausing connector \(name)…"
        case .resume: "Resuming connector \(name)…"
        case .restart: "Restarting connector \(name) and its tasks…"
        case .delete: "Deleting connector \(name)…"
        }
    }

    static func done(_ name: String, _ command: ConnectorCommand) -> String {
        switch command {
        case .pause: "Paused connector \(name)"
        case .resume: "Resumed connector \(name)"
        case .restart: "Restarted connector \(name) and its tasks"
        case .delete: "Deleted connector \(name)"
        }
    }
}
