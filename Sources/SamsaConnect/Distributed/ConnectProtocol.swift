import NIOCore
import SamsaProtocol

/// Kafka Connect's group protocol (protocol type "connect"): the metadata each worker joins with and the
/// assignment the leader hands each worker, byte for byte as Kafka's `ConnectProtocol` (v0, protocol
/// "default", eager) and `IncrementalCooperativeConnectProtocol` (v1 "compatible", v2 "sessioned") write
/// them with the classic (non-flexible) protocol types: INT16 version first, STRING = INT16 length + UTF-8,
/// arrays and BYTES with an INT32 length (-1 for null).
public enum ConnectProtocol {
    public static let protocolType = "connect"
    /// The sentinel task id that stands for the connector instance itself in an assignment.
    public static let connectorTask: Int32 = -1

    /// `connect.protocol`: which of Kafka's protocols a worker offers, and its JoinGroup protocol name.
    public enum Compatibility: String, Sendable, CaseIterable {
        case eager, compatible, sessioned

        /// The JoinGroup protocol name (`ConnectProtocolCompatibility.protocol()`).
        public var protocolName: String {
            switch self {
            case .eager: "default"
            case .compatible: "compatible"
            case .sessioned: "sessioned"
            }
        }

        public var version: Int16 {
            switch self {
            case .eager: 0
            case .compatible: 1
            case .sessioned: 2
            }
        }

        public init?(protocolName: String) {
            guard let match = Self.allCases.first(where: { $0.protocolName == protocolName }) else { return nil }
            self = match
        }

        /// The protocols a worker with this setting offers, most preferred first (as Kafka's `metadataRequest`).
        public var offered: [Compatibility] {
            switch self {
            case .eager: [.eager]
            case .compatible: [.compatible, .eager]
            case .sessioned: [.sessioned, .compatible, .eager]
            }
        }
    }

    /// A worker's JoinGroup metadata (`WorkerState` / `ExtendedWorkerState`).
    public struct WorkerState: Sendable, Equatable {
        /// The worker's advertised REST URL.
        public var url: String
        /// The config topic offset this worker has read up to.
        public var configOffset: Int64
        /// v1+: what the worker runs now (nil when nothing).
        public var assignment: Assignment?

        public init(url: String, configOffset: Int64, assignment: Assignment? = nil) {
            self.url = url
            self.configOffset = configOffset
            self.assignment = assignment
        }
    }

    /// What the leader gives a worker (`Assignment` / `ExtendedAssignment`).
    public struct Assignment: Sendable, Equatable {
        public static let noError: Int16 = 0
        /// The leader's config is behind a member's: everyone must read the config topic further and rejoin.
        public static let configMismatch: Int16 = 1

        public var error: Int16
        public var leader: String
        public var leaderUrl: String
        public var configOffset: Int64
        public var connectors: [String]
        public var tasks: [ConnectorTaskId]
        /// v1+: what the worker must stop running.
        public var revokedConnectors: [String]
        public var revokedTasks: [ConnectorTaskId]
        /// v1+: milliseconds until the leader rebalances again (departed workers' work waits that long).
        public var delay: Int32

        public init(error: Int16 = Assignment.noError, leader: String, leaderUrl: String, configOffset: Int64,
                    connectors: [String] = [], tasks: [ConnectorTaskId] = [], revokedConnectors: [String] = [],
                    revokedTasks: [ConnectorTaskId] = [], delay: Int32 = 0) {
            self.error = error
            self.leader = leader
            self.leaderUrl = leaderUrl
            self.configOffset = configOffset
            self.connectors = connectors
            self.tasks = tasks
            self.revokedConnectors = revokedConnectors
            self.revokedTasks = revokedTasks
            self.delay = delay
        }

        var isEmpty: Bool {
            connectors.isEmpty && tasks.isEmpty && revokedConnectors.isEmpty && revokedTasks.isEmpty
        }
    }
}
