import SamsaProtocol

/// What a running Streams application shows of itself: its state, threads, tasks, stores and rates.
/// The runtime publishes one every second or so; the workbench and `samsa streams` draw from it.
public struct StreamsSnapshot: Sendable, Equatable {
    /// Kafka's `KafkaStreams.State`.
    public enum State: String, Sendable, Equatable {
        case created = "CREATED", rebalancing = "REBALANCING", running = "RUNNING"
        case pendingShutdown = "PENDING_SHUTDOWN", notRunning = "NOT_RUNNING", error = "ERROR"
    }

    public struct RestoreProgress: Sendable, Equatable {
        public var store: String
        public var changelog: TopicPartition
        public var restored: Int64
        /// Records to restore in all (end offset minus the checkpointed offset).
        public var total: Int64
        public var done: Bool { restored >= total }
        public init(store: String, changelog: TopicPartition, restored: Int64, total: Int64) {
            self.store = store
            self.changelog = changelog
            self.restored = restored
            self.total = total
        }
    }

    public struct TaskInfo: Sendable, Equatable {
        public var id: TaskId
        public var partitions: [TopicPartition]
        /// The thread that runs it (`<application.id>-<process id>-StreamThread-<n>`).
        public var thread: String
        public var processed: Int64
        public var restoring: [RestoreProgress]
        public init(id: TaskId, partitions: [TopicPartition], thread: String, processed: Int64, restoring: [RestoreProgress]) {
            self.id = id
            self.partitions = partitions
            self.thread = thread
            self.processed = processed
            self.restoring = restoring
        }
    }

    public struct StoreInfo: Sendable, Equatable {
        public var name: String
        public var task: TaskId
        public var approximateCount: Int
        /// A few entries, decoded for display with the store's serdes (e.g. the largest counts).
        public var topEntries: [(key: String, value: String)]
        public init(name: String, task: TaskId, approximateCount: Int, topEntries: [(key: String, value: String)]) {
            self.name = name
            self.task = task
            self.approximateCount = approximateCount
            self.topEntries = topEntries
        }
        public static func == (a: StoreInfo, b: StoreInfo) -> Bool {
            a.name == b.name && a.task == b.task && a.approximateCount == b.approximateCount
                && a.topEntries.map(\.key) == b.topEntries.map(\.key) && a.topEntries.map(\.value) == b.topEntries.map(\.value)
        }
    }

    public var applicationId: String
    public var state: State
    public var topology: TopologyDescription
    public var tasks: [TaskInfo]
    public var stores: [StoreInfo]
    /// Records processed since start, and per second over the last few seconds.
    public var processedTotal: Int64
    public var processedPerSecond: Double
    public var dropped: [DroppedRecordReason: Int64]
    /// Input lag per source partition this instance owns (end offset minus position).
    public var inputLag: [TopicPartition: Int64]

    public init(applicationId: String, state: State, topology: TopologyDescription, tasks: [TaskInfo], stores: [StoreInfo],
                processedTotal: Int64, processedPerSecond: Double, dropped: [DroppedRecordReason: Int64],
                inputLag: [TopicPartition: Int64]) {
        self.applicationId = applicationId
        self.state = state
        self.topology = topology
        self.tasks = tasks
        self.stores = stores
        self.processedTotal = processedTotal
        self.processedPerSecond = processedPerSecond
        self.dropped = dropped
        self.inputLag = inputLag
    }
}
