import SamsaProtocol

/// Kafka's transactional cleaning rules for one compaction pass (its CleanedTransactionMetadata): batches
/// of aborted transactions are removed (and add no keys to the map), and a marker may go once no batch of
/// its transaction is left: a pass that still met some of its data keeps it, the next one can drop it.
///
/// A batch belongs to an aborted transaction when the aborted-transaction index has one of its producer's
/// transactions spanning its offset (first offset to marker), which holds even after an earlier pass
/// removed the marker.
///
/// Thread-safety: none; one pass owns it.
struct CleanerTransactions {
    private let aborted: [Int64: [AbortedTransaction]]
    /// Producers whose aborted or committed transactional batches this pass met since their last marker.
    private var metAborted: Set<Int64> = []
    private var metCommitted: Set<Int64> = []

    init(aborted entries: [AbortedTransaction]) {
        aborted = Dictionary(grouping: entries, by: \.producerId)
    }

    /// Whether `header` is a data batch of an aborted transaction.
    func isAborted(_ header: RecordBatchHeader) -> Bool {
        guard header.isTransactional, !header.isControl, let spans = aborted[header.producerId] else { return false }
        return spans.contains { $0.firstOffset <= header.baseOffset && header.baseOffset <= $0.lastOffset }
    }

    /// Notes a transactional data batch the pass walked over.
    mutating func met(_ header: RecordBatchHeader) {
        guard header.isTransactional, !header.isControl else { return }
        if isAborted(header) { metAborted.insert(header.producerId) } else { metCommitted.insert(header.producerId) }
    }

    /// Whether the control batch `header` may go (once its delete horizon passed): it is an
    /// end-transaction marker and this pass met none of its transaction's batches.
    mutating func canDiscard(control header: RecordBatchHeader, marker: ControlRecord?) -> Bool {
        switch marker?.kind {
        case .abort: return metAborted.remove(header.producerId) == nil
        case .commit: return metCommitted.remove(header.producerId) == nil
        case nil: return false
        }
    }
}
