import SamsaConnect

/// The Connect worker the workbench runs in its own process (a standalone worker, a real client of the
/// cluster), as the Connect view draws it: the herder's last snapshot and the last lines of the connectors'
/// files. Nil snapshot: no worker yet (one starts on the first connector created).
public struct WorkbenchConnect: Sendable, Equatable {
    /// The last lines of a file a connector reads or writes (`file` of FileStreamSource/Sink).
    public struct FileTail: Sendable, Equatable {
        public let path: String
        public let lines: [String]
        /// Whether the file exists (a source waiting for its file, a sink that wrote nothing yet).
        public let exists: Bool

        public init(path: String, lines: [String], exists: Bool = true) {
            self.path = path
            self.lines = lines
            self.exists = exists
        }
    }

    public let snapshot: ConnectSnapshot?
    /// Where relative file names of the forms resolve, and where the worker keeps its offsets.
    public let directory: String
    /// Per connector name: the file in its `file` setting and its last lines.
    public let files: [String: FileTail]
    /// Per connector name: its `connector.class` as configured (the snapshot names the resolved class).
    public let configuredClasses: [String: String]

    public init(snapshot: ConnectSnapshot? = nil, directory: String = "", files: [String: FileTail] = [:],
                configuredClasses: [String: String] = [:]) {
        self.snapshot = snapshot
        self.directory = directory
        self.files = files
        self.configuredClasses = configuredClasses
    }

    public static let none = WorkbenchConnect()

    public func connector(named name: String) -> ConnectSnapshot.ConnectorEntry? {
        snapshot?.connectors.first { $0.name == name }
    }
}

/// What the Connect view's keys ask of a connector, as Kafka's REST API does (`PUT …/pause`, `PUT …/resume`,
/// `POST …/restart?includeTasks=true`, `DELETE /connectors/{name}`).
public enum ConnectorCommand: String, Sendable, Equatable {
    case pause, resume, restart, delete
}
