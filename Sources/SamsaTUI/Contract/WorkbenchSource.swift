import SamsaClient

/// What the workbench observes and acts on. Implemented by the embedded engine and by attach mode over the
/// wire; tests use a fake.
///
/// `snapshot()` is called from the UI thread every ~50 ms: it must return at once (hand back the latest
/// value built elsewhere). The actions run in tasks off the UI thread. A failed action throws an error
/// whose `description` is one sentence a person can read (``WorkbenchError`` is there for that).
public protocol WorkbenchSource: Sendable {
    /// The latest snapshot. Cheap and non-blocking.
    func snapshot() -> WorkbenchSnapshot

    func createTopic(name: String, partitions: Int, replicationFactor: Int) async throws
    func deleteTopic(name: String) async throws
    /// Grows `topic` to `totalPartitions` partitions.
    func addPartitions(topic: String, totalPartitions: Int) async throws
    func produce(_ request: ProduceRequest) async throws -> ProduceReceipt
    /// Starts a consumer in `group` reading `topic` (from the committed offset, else the earliest) at
    /// `isolation`; its records appear in the snapshot's `tail`. Returns its member id.
    func startConsumer(group: String, topic: String, isolation: IsolationLevel) async throws -> String
    func stopConsumer(memberId: String) async throws
    func resetOffsets(group: String, topic: String, to target: OffsetResetTarget) async throws

    // Transactions, on the workbench's transactional producer for `transactionalId` (one per id, made and
    // initialised on first use: InitProducerId fences an older producer with the same id).
    /// Begins a transaction; records sent with this `transactionalId` in their request go inside it.
    func beginTransaction(transactionalId: String) async throws -> TransactionReceipt
    /// Commits the open transaction once every record sent in it is acknowledged.
    func commitTransaction(transactionalId: String) async throws -> TransactionReceipt
    /// Aborts the open transaction: read_committed consumers never see its records.
    func abortTransaction(transactionalId: String) async throws -> TransactionReceipt

    // Streams applications run in-process by the workbench (real clients of the cluster).
    /// Starts a demo app; it then appears in the snapshot's `streams`.
    func startStreams(_ launch: StreamsLaunch) async throws
    /// Stops an app started with `startStreams` cleanly.
    func stopStreams(applicationId: String) async throws

    // Kafka Connect, on a standalone worker the workbench runs in-process (started on first use).
    /// Creates a connector with Kafka's settings (`connector.class`, `file`, `topic`, …).
    func createConnector(name: String, config: [String: String]) async throws
    /// Pauses, resumes, restarts (with its tasks) or deletes a connector.
    func controlConnector(_ name: String, _ command: ConnectorCommand) async throws
    /// Appends lines to a text file (relative paths under the Connect directory), as `echo … >> file` would:
    /// what a file source then reads.
    func appendLines(_ lines: [String], to path: String) async throws

    // Fault injection: offered only when the snapshot's mode is `.embedded`.
    /// Crashes the broker (no clean shutdown).
    func killBroker(_ id: Int32) async throws
    /// Shuts the broker down cleanly.
    func stopBroker(_ id: Int32) async throws
    func startBroker(_ id: Int32) async throws
    /// Cuts the broker off from the others and from clients while it keeps running.
    func isolateBroker(_ id: Int32) async throws
    /// Starts every stopped or crashed broker and ends every isolation.
    func heal() async throws
    /// Moves leadership back to each partition's preferred replica where it is in sync.
    func electLeaders() async throws

    // dumplog: a partition's segment files on its leader, read-only (embedded cluster only).
    /// The segment files of `partition` of `topic` in its leader's data directory, oldest first.
    func listSegments(topic: String, partition: Int32) async throws -> SegmentListing
    /// One segment's batches and records as `samsa dump-log --deep-iteration [--print-data-log]` prints them.
    func dumpSegment(topic: String, partition: Int32, baseOffset: Int64, printData: Bool) async throws -> SegmentBatches

    // topicgroup: topic detail with configs, configured topics, offset resets with a preview.
    /// Every config of `topic` with its source, and each partition's log start, end and size.
    func describeTopicDetail(_ topic: String) async throws -> TopicDetail
    /// Changes one config of `topic` (IncrementalAlterConfigs: SET, or DELETE to revert to the default).
    func alterTopicConfig(_ topic: String, _ op: AlterConfigOp) async throws
    /// Creates a topic with configs (CreateTopics' configs: cleanup.policy, retention.ms, …).
    func createTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String]) async throws
    /// The offsets a reset would commit (`--dry-run`); refused while the group has active members.
    func previewOffsetReset(group: String, _ request: GroupResetRequest) async throws -> GroupResetPreview
    /// Commits a previewed reset (`--execute`); refused while the group has active members.
    func applyOffsetReset(_ preview: GroupResetPreview) async throws

    // browser: the record browser reads over the wire with no group and no commits, and re-produces records.
    /// The log start offset and high watermark of one partition.
    func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds
    /// The first offset whose timestamp is at or after `timestamp` (ms since the epoch); nil when none is.
    func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64?
    /// Up to `maxRecords` records of one partition from `offset` (below `until` when given), read at
    /// read_uncommitted with records of aborted transactions marked.
    func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage
    /// Sends a record with bytes and headers as given (the browser's re-produce), acks=all.
    func reproduce(_ request: ReproduceRequest) async throws -> ProduceReceipt

    // tuisec: the embedded cluster's security demo.
    /// Opens a SASL_PLAINTEXT listener (SCRAM-SHA-256), creates a user who may read a topic but not write it,
    /// and tries both as that user, narrating each step in the events; returns the outcome in one sentence.
    func runSecurityDemo() async throws -> String

    // uxfixes-b
    /// Where the embedded cluster keeps its data (absolute); nil when the workbench is attached elsewhere.
    var dataDirectory: String? { get }
}

/// Only the embedded cluster can open listeners and change its own ACLs; attached, ask the cluster's owner.
extension WorkbenchSource {
    public func runSecurityDemo() async throws -> String {
        throw WorkbenchError("The security demo needs the embedded cluster; attached, use samsa acls and the cluster's own listeners.")
    }
}

/// uxfixes-b: sources without a data directory of their own (attach mode, test fakes).
extension WorkbenchSource {
    public var dataDirectory: String? { nil }
}

/// Sources that cannot read records (test fakes) say so in one sentence.
extension WorkbenchSource {
    public func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds {
        throw WorkbenchError("This workbench cannot read records.")
    }
    public func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
        throw WorkbenchError("This workbench cannot read records.")
    }
    public func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage {
        throw WorkbenchError("This workbench cannot read records.")
    }
    public func reproduce(_ request: ReproduceRequest) async throws -> ProduceReceipt {
        throw WorkbenchError("This workbench cannot produce records.")
    }
}

extension WorkbenchSource {
    /// A read_uncommitted consumer, Kafka's default.
    public func startConsumer(group: String, topic: String) async throws -> String {
        try await startConsumer(group: group, topic: topic, isolation: .readUncommitted)
    }
}

/// Sources that run no Streams apps (test fakes) say so in one sentence.
extension WorkbenchSource {
    public func startStreams(_ launch: StreamsLaunch) async throws {
        throw WorkbenchError("This workbench cannot run Streams applications.")
    }
    public func stopStreams(applicationId: String) async throws {
        throw WorkbenchError("No Streams app \(applicationId) runs in this workbench.")
    }
}

/// Sources that run no Connect worker (test fakes) say so in one sentence.
extension WorkbenchSource {
    public func createConnector(name: String, config: [String: String]) async throws {
        throw WorkbenchError("This workbench cannot run Kafka Connect.")
    }
    public func controlConnector(_ name: String, _ command: ConnectorCommand) async throws {
        throw WorkbenchError("This workbench cannot run Kafka Connect.")
    }
    public func appendLines(_ lines: [String], to path: String) async throws {
        throw WorkbenchError("This workbench cannot write files.")
    }
}

/// Attach-mode sources have no faults to inject; these defaults say so in one sentence.
extension WorkbenchSource {
    public func killBroker(_ id: Int32) async throws { throw WorkbenchError.faultsUnavailable }
    public func stopBroker(_ id: Int32) async throws { throw WorkbenchError.faultsUnavailable }
    public func startBroker(_ id: Int32) async throws { throw WorkbenchError.faultsUnavailable }
    public func isolateBroker(_ id: Int32) async throws { throw WorkbenchError.faultsUnavailable }
    public func heal() async throws { throw WorkbenchError.faultsUnavailable }
    public func electLeaders() async throws { throw WorkbenchError.faultsUnavailable }
}

/// Attach mode and test fakes have no broker files to read; they say so in one sentence.
extension WorkbenchSource {
    public func listSegments(topic: String, partition: Int32) async throws -> SegmentListing {
        throw WorkbenchError(Workbench.segmentsNeedEmbedded)
    }
    public func dumpSegment(topic: String, partition: Int32, baseOffset: Int64, printData: Bool) async throws -> SegmentBatches {
        throw WorkbenchError(Workbench.segmentsNeedEmbedded)
    }
}

/// Sources without topic configs or offset plans (test fakes) say so in one sentence.
extension WorkbenchSource {
    public func describeTopicDetail(_ topic: String) async throws -> TopicDetail {
        throw WorkbenchError("This workbench cannot describe topic configs.")
    }
    public func alterTopicConfig(_ topic: String, _ op: AlterConfigOp) async throws {
        throw WorkbenchError("This workbench cannot change topic configs.")
    }
    public func createTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String]) async throws {
        throw WorkbenchError("This workbench cannot create topics with configs.")
    }
    public func previewOffsetReset(group: String, _ request: GroupResetRequest) async throws -> GroupResetPreview {
        throw WorkbenchError("This workbench cannot plan offset resets.")
    }
    public func applyOffsetReset(_ preview: GroupResetPreview) async throws {
        throw WorkbenchError("This workbench cannot apply offset resets.")
    }
}
