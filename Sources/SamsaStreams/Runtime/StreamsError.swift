/// Errors a Streams application reports, worded as Kafka Streams' exceptions are.
public struct StreamsError: Error, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        /// Kafka's `MissingSourceTopicException`.
        case missingSourceTopic
        /// Kafka's `TopologyException` (co-partitioning and other topology problems).
        case topology
        /// Kafka's `InvalidStateStoreException`: unknown store, or not queryable yet.
        case invalidStateStore
        /// Kafka's `IllegalStateException` (wrong application state for the call).
        case illegalState
        /// Creating or reading internal topics failed.
        case internalTopic
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A topology that cannot run as built, or a task asked for something it does not have (the DSL's errors).
    public init(_ message: String) {
        self.init(.topology, message)
    }

    public var description: String { message }
}
