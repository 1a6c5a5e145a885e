/// Splits bytes read from a file into lines as Kafka's FileStreamSourceTask does: a line ends at `\n`, `\r\n`
/// or a lone `\r`; a `\r` at the end of what was read waits for the next byte (it may be half of `\r\n`).
/// Counts bytes consumed so each line carries the file position just after its terminator.
struct LineSplitter {
    private var buffer: [UInt8] = []
    private var start = 0
    /// The file position of `buffer[start]`.
    private(set) var position: Int64

    init(position: Int64) { self.position = position }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line and the position after it, or nil when the rest is an unfinished line.
    mutating func nextLine() -> (line: String, positionAfter: Int64)? {
        var i = start
        let end = buffer.count
        while i < end {
            let byte = buffer[i]
            if byte == 0x0A {
                return take(until: i, next: i + 1)
            }
            if byte == 0x0D {
                guard i + 1 < end else { return nil }
                return take(until: i, next: buffer[i + 1] == 0x0A ? i + 2 : i + 1)
            }
            i += 1
        }
        return nil
    }

    /// Bytes read but not yet part of a complete line.
    var pendingCount: Int { buffer.count - start }

    private mutating func take(until lineEnd: Int, next: Int) -> (line: String, positionAfter: Int64) {
        let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
        position += Int64(next - start)
        start = next
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        return (line, position)
    }
}
