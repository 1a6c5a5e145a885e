import Synchronization

/// Kafka's `SubmittedRecords`: source records in the order they were handed to the producer, per source
/// partition. A partition's offset becomes committable only when every record before it was acknowledged
/// (or dropped), so a restart never skips a record that was not written.
final class SubmittedRecords: Sendable {
    private struct Entry {
        var sequence: Int64
        var offset: SourceMap
        var acked = false
    }

    private struct State {
        var next: Int64 = 0
        var pending: [SourceMap: [Entry]] = [:]
    }

    private let state = Mutex(State())

    /// A ticket for `ack`; nil for records without a source partition and offset (nothing to commit).
    struct Ticket: Sendable {
        var partition: SourceMap
        var sequence: Int64
    }

    func submit(_ record: ConnectRecord) -> Ticket? {
        guard let partition = record.sourcePartition, let offset = record.sourceOffset else { return nil }
        return state.withLock { s in
            defer { s.next += 1 }
            s.pending[partition, default: []].append(Entry(sequence: s.next, offset: offset))
            return Ticket(partition: partition, sequence: s.next)
        }
    }

    func ack(_ ticket: Ticket?) {
        guard let ticket else { return }
        state.withLock { s in
            guard let index = s.pending[ticket.partition]?.firstIndex(where: { $0.sequence == ticket.sequence }) else { return }
            s.pending[ticket.partition]![index].acked = true
        }
    }

    /// Removes each partition's acknowledged prefix and returns its last offset.
    func committableOffsets() -> [SourceMap: SourceMap] {
        state.withLock { s in
            var out: [SourceMap: SourceMap] = [:]
            for (partition, entries) in s.pending {
                let done = entries.prefix { $0.acked }
                guard let last = done.last else { continue }
                out[partition] = last.offset
                s.pending[partition] = Array(entries.dropFirst(done.count))
                if s.pending[partition]!.isEmpty { s.pending[partition] = nil }
            }
            return out
        }
    }

    var outstanding: Int { state.withLock { $0.pending.values.reduce(0) { $0 + $1.count } } }
}
