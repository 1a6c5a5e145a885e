import NIOCore
import SamsaProtocol

/// Compaction of a MemoryLog: batches are values, so the pass reads its snapshot without the lock and
/// swaps the cleaned segment in under it.
struct MemoryCompactionTarget: CompactionTarget {
    let log: MemoryLog

    var isAborted: Bool { false }

    func forEachBatch(in segment: MemorySegment, _ body: (ByteBuffer, RecordBatchHeader) throws -> Void) throws {
        for (header, bytes) in segment.batches { try body(bytes, header) }
    }

    func makeOutput(baseOffset: Int64) throws -> MemorySegment {
        MemorySegment(id: 0, baseOffset: baseOffset)
    }

    func write(_ batch: ByteBuffer, header: RecordBatchHeader, to output: inout MemorySegment) throws {
        output.append(header, batch)
    }

    func swap(_ output: inout MemorySegment, for group: ArraySlice<MemorySegment>, generation: Int) throws -> Bool {
        log.state.withLock { s in
            guard s.generation == generation, let first = group.first, let at = s.segments.firstIndex(where: { $0.id == first.id }),
                  at + group.count < s.segments.count,
                  zip(s.segments[at..<(at + group.count)], group).allSatisfy({ $0.id == $1.id })
            else { return false }
            var installed = s.makeSegment(baseOffset: output.baseOffset)
            for (header, bytes) in output.batches { installed.append(header, bytes) }
            for segment in s.segments[at..<(at + group.count)] {
                for entry in segment.txnIndex.entries { _ = installed.txnIndex.append(entry) }
            }
            s.segments.replaceSubrange(at..<(at + group.count), with: [installed])
            return true
        }
    }

    func discard(_ output: MemorySegment) {}
}
