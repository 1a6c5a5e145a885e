import Synchronization

/// Kafka's `SubmittedRecords`: source records in the order they were handed to the producer, per source
/// partition. A partition's offset becomes committable only when every record before it was acknowledged
/// (or dropped), so a restart never skips a record that was not written.
///
/// On the produce path: `submit` hashes the source partition once and hands out a ticket holding the
/// partition's index, and `ack` finds its entry by binary search (sequences only grow), so neither scans the
/// records still in flight.
final class SubmittedRecords: Sendable {
    private struct Entry {
        var sequence: Int64
        var offset: SourceMap
        var acked = false
    }

    /// One source partition's records in submission order; `entries[head...]` are still outstanding.
    private struct Queue {
        var partition: SourceMap
        var entries: [Entry] = []
        var head = 0

        var outstanding: ArraySlice<Entry> { entries[head...] }

        mutating func dropCommitted(_ count: Int) {
            head += count
            // Compact once the committed prefix dominates, keeping removal amortised O(1).
            if head > 1024 && head * 2 > entries.count {
                entries.removeFirst(head)
                head = 0
            }
        }
    }

    private struct State {
        var next: Int64 = 0
        var ids: [SourceMap: Int] = [:]
        var queues: [Queue] = []
    }

    private let state = Mutex(State())

    /// A ticket for `ack`; nil for records without a source partition and offset (nothing to commit).
    struct Ticket: Sendable {
        var queue: Int
        var sequence: Int64
    }

    func submit(_ record: ConnectRecord) -> Ticket? {
        guard let partition = record.sourcePartition, let offset = record.sourceOffset else { return nil }
        return state.withLock { s in
            defer { s.next += 1 }
            let id: Int
            if let known = s.ids[partition] {
                id = known
            } else {
                id = s.queues.count
                s.ids[partition] = id
                s.queues.append(Queue(partition: partition))
            }
            s.queues[id].entries.append(Entry(sequence: s.next, offset: offset))
            return Ticket(queue: id, sequence: s.next)
        }
    }

    func ack(_ ticket: Ticket?) {
        guard let ticket else { return }
        state.withLock { s in
            guard ticket.queue < s.queues.count else { return }
            let queue = s.queues[ticket.queue]
            var low = queue.head, high = queue.entries.count
            while low < high {
                let mid = (low + high) / 2
                if queue.entries[mid].sequence < ticket.sequence { low = mid + 1 } else { high = mid }
            }
            guard low < queue.entries.count, queue.entries[low].sequence == ticket.sequence else { return }
            s.queues[ticket.queue].entries[low].acked = true
        }
    }

    /// Removes each partition's acknowledged prefix and returns its last offset.
    func committableOffsets() -> [SourceMap: SourceMap] {
        state.withLock { s in
            var out: [SourceMap: SourceMap] = [:]
            for index in s.queues.indices {
                let done = s.queues[index].outstanding.prefix { $0.acked }
                guard let last = done.last else { continue }
                out[s.queues[index].partition] = last.offset
                s.queues[index].dropCommitted(done.count)
            }
            return out
        }
    }

    var outstanding: Int { state.withLock { $0.queues.reduce(0) { $0 + $1.outstanding.count } } }
}
