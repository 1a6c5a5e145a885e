import Logging

/// A segment's aborted-transaction index: its file (`<base>.txnindex`) exists only while it holds entries,
/// as Kafka's, and is opened only to change it, so segments cost no extra descriptor.
extension LogSegment {
    var txnIndexPath: String { stem + ".txnindex" + suffix }

    /// Loads the `.txnindex` against the recovered log: entries past the segment's end (a torn tail) or a
    /// damaged file are cut, and the partition re-adds what is missing when it replays the markers.
    func loadTransactionIndex(logger: Logger) throws {
        guard Files.exists(txnIndexPath) else { return }
        let file = try RawFile(path: txnIndexPath, create: false)
        let (loaded, sound) = TransactionIndex.load(file, baseOffset: baseOffset, endOffset: nextOffset)
        txnIndex = loaded
        if !sound || file.size != loaded.entries.count * TransactionIndex.entrySize {
            if !sound { logger.notice("Cut the damaged or stale tail of \(stem).txnindex; the log's markers rebuild it") }
            try saveTransactionIndex()
        }
    }

    /// Writes the whole aborted-transaction index, or removes its file when empty.
    func saveTransactionIndex() throws {
        guard !txnIndex.entries.isEmpty else { return Files.remove(txnIndexPath) }
        try txnIndex.save(to: try RawFile(path: txnIndexPath, create: true))
    }

    /// Records a transaction aborted by a marker in this segment (nothing if already recorded).
    func appendAbortedTransaction(_ transaction: AbortedTransaction) throws {
        if txnIndex.append(transaction) { try txnIndex.writeLast(to: try RawFile(path: txnIndexPath, create: true)) }
    }

    /// Replaces the aborted-transaction entries (a cleaned segment takes those of the segments it replaces).
    func setAbortedTransactions(_ entries: [AbortedTransaction]) throws {
        txnIndex.removeAll()
        for entry in entries { _ = txnIndex.append(entry) }
        try saveTransactionIndex()
    }

    /// Forces the aborted-transaction index to disk, if it has a file.
    func syncTransactionIndex() throws {
        if !txnIndex.entries.isEmpty { try RawFile(path: txnIndexPath, create: true).sync() }
    }

}

extension LogSegment {
    /// The offset of the first indexed batch starting at or after byte `position`, or the segment's end:
    /// no batch before `position` holds an offset at or past it.
    func offset(atOrAfterPosition position: Int) -> Int64 {
        let entries = index.entries
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if Int(entries[mid].position) < position { low = mid + 1 } else { high = mid }
        }
        return low < entries.count ? baseOffset + Int64(entries[low].relativeOffset) : nextOffset
    }
}
