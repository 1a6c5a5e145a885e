import Foundation
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
    /// Set when the view shows a Connect cluster through its REST API (`--connect-url`) instead of the
    /// workbench's own worker.
    public let remote: Remote?

    /// A Connect cluster seen through its REST API: whether it answers, its connectors' offsets as the REST
    /// API gives them, and the connector plugins it has (the forms offer only those).
    public struct Remote: Sendable, Equatable {
        public let url: String
        /// When it stopped answering and why; nil while it answers.
        public let failingSince: Date?
        public let failure: String?
        /// Per connector: `GET /connectors/{name}/offsets`, one text per partition.
        public let offsets: [String: [String]]
        public let pluginClasses: [String]

        public init(url: String, failingSince: Date? = nil, failure: String? = nil, offsets: [String: [String]] = [:],
                    pluginClasses: [String] = []) {
            self.url = url
            self.failingSince = failingSince
            self.failure = failure
            self.offsets = offsets
            self.pluginClasses = pluginClasses
        }

        /// Whether the cluster has a connector plugin whose class is `name` or ends with `.name`.
        public func hasPlugin(_ name: String) -> Bool {
            pluginClasses.contains { $0 == name || $0.hasSuffix("." + name) }
        }
    }

    public init(snapshot: ConnectSnapshot? = nil, directory: String = "", files: [String: FileTail] = [:],
                configuredClasses: [String: String] = [:], remote: Remote? = nil) {
        self.snapshot = snapshot
        self.directory = directory
        self.files = files
        self.configuredClasses = configuredClasses
        self.remote = remote
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
