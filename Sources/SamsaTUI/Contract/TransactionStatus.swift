import Foundation
import SamsaProtocol

/// One transactional producer as its transaction coordinator knows it (Kafka's DescribeTransactions).
public struct TransactionStatus: Sendable, Equatable {
    /// The coordinator's states, as Kafka names them; `unknown` keeps anything else a cluster sends.
    public enum State: Sendable, Equatable, Hashable {
        case empty, ongoing, prepareCommit, prepareAbort, completeCommit, completeAbort, dead, prepareEpochFence
        case unknown(String)

        static let named: [(String, State)] = [
            ("Empty", .empty), ("Ongoing", .ongoing), ("PrepareCommit", .prepareCommit), ("PrepareAbort", .prepareAbort),
            ("CompleteCommit", .completeCommit), ("CompleteAbort", .completeAbort), ("Dead", .dead),
            ("PrepareEpochFence", .prepareEpochFence),
        ]

        /// Parses Kafka's names ("Ongoing", "CompleteCommit", …), in any case.
        public init(kafkaName: String) {
            self = Self.named.first { $0.0.lowercased() == kafkaName.lowercased() }?.1 ?? .unknown(kafkaName)
        }

        public var name: String {
            if case .unknown(let name) = self { return name }
            return Self.named.first { $0.1 == self }!.0
        }

        /// Whether records written in it may still be committed or aborted: they hold back the LSO.
        public var isOpen: Bool {
            switch self {
            case .ongoing, .prepareCommit, .prepareAbort, .prepareEpochFence: true
            default: false
            }
        }
    }

    public let transactionalId: String
    public let producerId: Int64
    public let producerEpoch: Int16
    public let state: State
    public let timeoutMs: Int32
    /// The partitions written in the current transaction, sorted by topic then partition.
    public let partitions: [TopicPartition]
    /// When the current transaction began; nil when none is open.
    public let startTime: Date?
    /// The broker coordinating it, when known.
    public let coordinator: Int32?

    public init(transactionalId: String, producerId: Int64, producerEpoch: Int16, state: State, timeoutMs: Int32 = 60_000,
                partitions: [TopicPartition] = [], startTime: Date? = nil, coordinator: Int32? = nil) {
        self.transactionalId = transactionalId
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.state = state
        self.timeoutMs = timeoutMs
        self.partitions = partitions
        self.startTime = startTime
        self.coordinator = coordinator
    }
}
