/// What the workbench's Connect view shows: workers, connectors and tasks with their state and rates.
/// Built by the herder from its worker's counters; pure data.
public struct ConnectSnapshot: Sendable, Equatable {
    public struct WorkerEntry: Sendable, Equatable {
        public var id: String
        public var isLeader: Bool
        public var isLocal: Bool
        public init(id: String, isLeader: Bool, isLocal: Bool) {
            self.id = id
            self.isLeader = isLeader
            self.isLocal = isLocal
        }
    }

    public struct TaskEntry: Sendable, Equatable {
        public var id: Int
        public var state: ConnectState
        public var workerId: String
        /// The first line of the failure's trace.
        public var trace: String?
        /// Records read from the external system (source) or Kafka (sink) since start.
        public var recordsIn: Int64
        /// Records written to Kafka (source) or the external system (sink) since start.
        public var recordsOut: Int64
        public var recordsInPerSecond: Double
        public var recordsOutPerSecond: Double
        /// Records that failed and were skipped or sent to the dead letter queue.
        public var recordsFailed: Int64
        /// Source tasks: their last committed source offsets, shown as text (e.g. `test.txt: position 8`).
        public var sourceOffsets: [String]
        /// Sink tasks: records in Kafka not yet put, over the task's partitions.
        public var lag: Int64?

        public init(id: Int, state: ConnectState, workerId: String, trace: String? = nil, recordsIn: Int64 = 0,
                    recordsOut: Int64 = 0, recordsInPerSecond: Double = 0, recordsOutPerSecond: Double = 0,
                    recordsFailed: Int64 = 0, sourceOffsets: [String] = [], lag: Int64? = nil) {
            self.id = id
            self.state = state
            self.workerId = workerId
            self.trace = trace
            self.recordsIn = recordsIn
            self.recordsOut = recordsOut
            self.recordsInPerSecond = recordsInPerSecond
            self.recordsOutPerSecond = recordsOutPerSecond
            self.recordsFailed = recordsFailed
            self.sourceOffsets = sourceOffsets
            self.lag = lag
        }
    }

    public struct ConnectorEntry: Sendable, Equatable {
        public var name: String
        public var type: ConnectorType
        public var className: String
        public var state: ConnectState
        public var workerId: String
        public var trace: String?
        /// The topic it writes (source) or reads (sink).
        public var topics: [String]
        public var tasks: [TaskEntry]
        public init(name: String, type: ConnectorType, className: String, state: ConnectState, workerId: String,
                    trace: String? = nil, topics: [String], tasks: [TaskEntry]) {
            self.name = name
            self.type = type
            self.className = className
            self.state = state
            self.workerId = workerId
            self.trace = trace
            self.topics = topics
            self.tasks = tasks
        }
    }

    public var workers: [WorkerEntry]
    public var connectors: [ConnectorEntry]
    /// "standalone" or the distributed `group.id`.
    public var mode: String
    /// The REST listener, e.g. `http://127.0.0.1:8083/`.
    public var restURL: String?

    public init(workers: [WorkerEntry] = [], connectors: [ConnectorEntry] = [], mode: String = "standalone", restURL: String? = nil) {
        self.workers = workers
        self.connectors = connectors
        self.mode = mode
        self.restURL = restURL
    }
}
