/// The result of an action, posted back to the UI thread.
public struct ActionOutcome: Sendable, Equatable {
    public let action: WorkbenchAction
    public let message: String
    public let isError: Bool
    public let receipt: ProduceReceipt?
    /// What a transaction action did, when it succeeded.
    public var transaction: TransactionReceipt? = nil
    /// dumplog: a partition's segment files, or one segment's batches.
    public var segmentListing: SegmentListing? = nil
    public var segmentBatches: SegmentBatches? = nil
    /// A topic's configs and log offsets (topic detail), after describing or changing them.
    public var topicDetail: TopicDetail? = nil
    /// The offsets a reset would commit, to confirm before applying.
    public var resetPreview: GroupResetPreview? = nil

    static func success(_ action: WorkbenchAction, _ message: String) -> ActionOutcome {
        ActionOutcome(action: action, message: message, isError: false, receipt: nil)
    }

    static func transaction(_ action: WorkbenchAction, _ receipt: TransactionReceipt, _ message: String) -> ActionOutcome {
        ActionOutcome(action: action, message: message, isError: false, receipt: nil, transaction: receipt)
    }

    /// One readable sentence for any error.
    static func sentence(for error: any Error) -> String {
        let text = String(describing: error)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        return firstLine.isEmpty ? "The action failed." : firstLine
    }
}
