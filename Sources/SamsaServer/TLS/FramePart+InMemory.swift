import Foundation
import NIOCore
import SamsaEngine
import SamsaProtocol

extension Array where Element == FramePart {
    /// Whether some part is still in a segment file.
    var hasFileParts: Bool { contains { if case .file = $0 { true } else { false } } }

    /// The frame with every file part read into memory: TLS encrypts what it sends, so sendfile cannot be used
    /// (Kafka copies on SSL too). Runs on a request-handler thread, never on an event loop.
    func readingFileParts() throws -> [FramePart] {
        try map { part in
            guard case .file(let records) = part else { return part }
            var buffer = ByteBufferAllocator().buffer(capacity: records.count)
            let read = withExtendedLifetime(records.owner) {
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: records.count) { pointer in
                    var done = 0
                    while done < records.count {
                        let n = pread(records.descriptor, pointer.baseAddress! + done, records.count - done, off_t(records.position + done))
                        if n <= 0 { break }
                        done += n
                    }
                    return done
                }
            }
            guard read == records.count else { throw ServerError("A log segment ended before the records a fetch was to send.") }
            return .bytes(buffer)
        }
    }
}

extension ConnectionSession {
    /// `frame` as this connection can send it: on a TLS listener, file parts read into memory (on this, a
    /// request-handler thread).
    func sendable(_ frame: [FramePart]) throws -> [FramePart] {
        listener.securityProtocol.usesTLS && frame.hasFileParts ? try frame.readingFileParts() : frame
    }

    /// Answers with `frame` from an event loop: on a TLS listener a frame with file parts is read on `executor` first.
    func deliver(_ frame: [FramePart], executor: any WorkExecutor, answer: @escaping @Sendable ([FramePart]?) -> Void,
                 fail: @escaping @Sendable (Error) -> Void) {
        guard listener.securityProtocol.usesTLS && frame.hasFileParts else { return answer(frame) }
        executor.execute {
            do { answer(try frame.readingFileParts()) } catch { fail(error) }
        }
    }
}
