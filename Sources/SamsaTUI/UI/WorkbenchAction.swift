import SamsaClient

/// An action the workbench asks its source to carry out, off the UI thread.
public enum WorkbenchAction: Sendable, Equatable {
    case createTopic(name: String, partitions: Int, replicationFactor: Int)
    case deleteTopic(String)
    case addPartitions(topic: String, totalPartitions: Int)
    case produce(ProduceRequest)
    case startConsumer(group: String, topic: String, isolation: IsolationLevel = .readUncommitted)
    case stopConsumer(memberId: String)
    case resetOffsets(group: String, topic: String, to: OffsetResetTarget)
    case killBroker(Int32)
    case stopBroker(Int32)
    case startBroker(Int32)
    case isolateBroker(Int32)
    case heal
    case electLeaders
    case beginTransaction(transactionalId: String)
    case commitTransaction(transactionalId: String)
    case abortTransaction(transactionalId: String)
    case startStreams(StreamsLaunch)
    case stopStreams(applicationId: String)
    case createConnector(name: String, config: [String: String])
    case controlConnector(name: String, ConnectorCommand)
    case appendLines(path: String, lines: [String])
    // dumplog: read a partition's segment files (embedded cluster only).
    case listSegments(topic: String, partition: Int32)
    case dumpSegment(topic: String, partition: Int32, baseOffset: Int64, printData: Bool)
    // topicgroup
    case describeTopic(String)
    case alterTopicConfig(topic: String, op: AlterConfigOp)
    case createConfiguredTopic(name: String, partitions: Int, replicationFactor: Int, configs: [String: String])
    case previewOffsetReset(group: String, GroupResetRequest)
    case applyOffsetReset(GroupResetPreview)
    // browser: re-send a record; write records as JSON lines (file I/O kept off the UI thread too).
    case reproduce(ReproduceRequest)
    case writeRecords(path: String, records: [BrowsedRecord])
    /// Embedded only: a SASL listener, a SCRAM user who may read but not write, and both tried (events narrate).
    case securityDemo

    /// Whether it must run in order with the producer pane's records: a transaction's begin, its records
    /// and its end go to the broker in the order they were asked for.
    var isOrdered: Bool {
        switch self {
        case .produce, .beginTransaction, .commitTransaction, .abortTransaction: true
        default: false
        }
    }

    /// What the status line says while it runs.
    public var progress: String {
        switch self {
        case .createTopic(let name, _, _): "Creating topic \(name)…"
        case .deleteTopic(let name): "Deleting topic \(name)…"
        case .addPartitions(let topic, let total): "Growing \(topic) to \(total) partitions…"
        case .produce(let request): "Sending to \(request.topic)…"
        case .startConsumer(let group, let topic, let isolation):
            "Starting a \(isolation == .readCommitted ? "read_committed " : "")consumer in \(group) on \(topic)…"
        case .stopConsumer(let member): "Stopping consumer \(member)…"
        case .resetOffsets(let group, let topic, let target): "Resetting \(group) on \(topic) to \(target.rawValue)…"
        case .killBroker(let id): "Killing broker \(id)…"
        case .stopBroker(let id): "Stopping broker \(id)…"
        case .startBroker(let id): "Starting broker \(id)…"
        case .isolateBroker(let id): "Isolating broker \(id)…"
        case .heal: "Healing the cluster…"
        case .electLeaders: "Electing preferred leaders…"
        case .beginTransaction(let id): "Beginning transaction \(id)…"
        case .commitTransaction(let id): "Committing transaction \(id)…"
        case .abortTransaction(let id): "Aborting transaction \(id)…"
        case .startStreams(let launch): "Starting Streams app \(launch.applicationId) (\(launch.demo.title))…"
        case .stopStreams(let id): "Stopping Streams app \(id)…"
        case .createConnector(let name, _): "Creating connector \(name)…"
        case .controlConnector(let name, let command): ConnectActionText.progress(name, command)
        case .appendLines(let path, let lines): "Writing \(Format.counted(lines.count, "line")) to \(path)…"
        case .listSegments(let topic, let partition): "Reading the segments of \(topic)-\(partition)…"
        case .dumpSegment(_, _, let base, _): "Reading segment \(SegmentListing.logFileName(base))…"
        case .describeTopic, .alterTopicConfig, .createConfiguredTopic, .previewOffsetReset, .applyOffsetReset: topicGroupProgress
        case .reproduce(let request): "Re-producing a record to \(request.topic)…"
        case .writeRecords(let path, let records): "Writing \(Format.counted(records.count, "record")) to \(path)…"
        case .securityDemo: "Opening a SASL listener and running the ACL demo (see events)…"
        }
    }

    /// Runs the action on `source`; never throws: failures become a readable outcome.
    public func perform(on source: any WorkbenchSource) async -> ActionOutcome {
        do {
            switch self {
            case .createTopic(let name, let partitions, let factor):
                try await source.createTopic(name: name, partitions: partitions, replicationFactor: factor)
                return .success(self, "Created topic \(name) (\(Format.counted(partitions, "partition")), replication factor \(factor)).")
            case .deleteTopic(let name):
                try await source.deleteTopic(name: name)
                return .success(self, "Deleted topic \(name).")
            case .addPartitions(let topic, let total):
                try await source.addPartitions(topic: topic, totalPartitions: total)
                return .success(self, "\(topic) now has \(total) partitions.")
            case .produce(let request):
                let receipt = try await source.produce(request)
                let text = if let id = request.transactionalId {
                    "Wrote partition \(receipt.partition), offset \(receipt.offset) in transaction \(id) (pending until it commits)."
                } else if receipt.offset < 0 {
                    "Sent to partition \(receipt.partition) (acks=0: no offset reported)."
                } else {
                    "Wrote partition \(receipt.partition), offset \(receipt.offset)."
                }
                return ActionOutcome(action: self, message: text, isError: false, receipt: receipt)
            case .startConsumer(let group, let topic, let isolation):
                let member = try await source.startConsumer(group: group, topic: topic, isolation: isolation)
                let level = isolation == .readCommitted ? " (read_committed)" : ""
                return .success(self, "Consumer \(member) joined \(group) reading \(topic)\(level).")
            case .stopConsumer(let member):
                try await source.stopConsumer(memberId: member)
                return .success(self, "Stopped consumer \(member).")
            case .resetOffsets(let group, let topic, let target):
                try await source.resetOffsets(group: group, topic: topic, to: target)
                return .success(self, "Reset \(group) on \(topic) to the \(target.rawValue) offsets.")
            case .killBroker(let id):
                try await source.killBroker(id)
                return .success(self, "Killed broker \(id).")
            case .stopBroker(let id):
                try await source.stopBroker(id)
                return .success(self, "Stopped broker \(id).")
            case .startBroker(let id):
                try await source.startBroker(id)
                return .success(self, "Started broker \(id).")
            case .isolateBroker(let id):
                try await source.isolateBroker(id)
                return .success(self, "Isolated broker \(id).")
            case .heal:
                try await source.heal()
                return .success(self, "Every broker is up and connected.")
            case .electLeaders:
                try await source.electLeaders()
                return .success(self, "Preferred leaders elected.")
            case .beginTransaction(let id):
                let receipt = try await source.beginTransaction(transactionalId: id)
                return .transaction(self, receipt, "Began transaction \(id) (\(receipt.producerLabel)): records sent now stay pending until it commits.")
            case .commitTransaction(let id):
                let receipt = try await source.commitTransaction(transactionalId: id)
                return .transaction(self, receipt, "Committed \(Format.counted(receipt.records, "record")) in transaction \(id) (\(receipt.producerLabel)).")
            case .abortTransaction(let id):
                let receipt = try await source.abortTransaction(transactionalId: id)
                return .transaction(self, receipt, "Aborted \(Format.counted(receipt.records, "record")) in transaction \(id) (\(receipt.producerLabel)): read_committed consumers never see them.")
            case .startStreams(let launch):
                try await source.startStreams(launch)
                return .success(self, "Streams app \(launch.applicationId) started: type lines into \(launch.inputTopics[0]) and watch the Streams view.")
            case .stopStreams(let id):
                try await source.stopStreams(applicationId: id)
                return .success(self, "Stopped Streams app \(id).")
            case .createConnector(let name, let config):
                try await source.createConnector(name: name, config: config)
                return .success(self, ConnectActionText.created(name, config) + ".")
            case .controlConnector(let name, let command):
                try await source.controlConnector(name, command)
                return .success(self, ConnectActionText.done(name, command) + ".")
            case .appendLines(let path, let lines):
                try await source.appendLines(lines, to: path)
                return .success(self, "Wrote \(Format.counted(lines.count, "line")) to \(path).")
            case .listSegments, .dumpSegment:
                return try await performSegments(on: source)
            case .describeTopic, .alterTopicConfig, .createConfiguredTopic, .previewOffsetReset, .applyOffsetReset:
                return try await performTopicGroup(on: source)
            case .reproduce(let request):
                let receipt = try await source.reproduce(request)
                return ActionOutcome(action: self, message: "Re-produced to \(request.topic) partition \(receipt.partition), offset \(receipt.offset).",
                                     isError: false, receipt: receipt)
            case .writeRecords(let path, let records):
                let bytes = try RecordExport.write(records, to: path)
                return .success(self, "Wrote \(Format.counted(records.count, "record")) (\(Format.counted(bytes, "byte"))) to \(path) as JSON lines.")
            case .securityDemo:
                return .success(self, try await source.runSecurityDemo())
            }
        } catch {
            return ActionOutcome(action: self, message: ActionOutcome.sentence(for: error), isError: true, receipt: nil)
        }
    }
}
