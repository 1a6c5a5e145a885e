import Synchronization

/// What the producer's callbacks hand back to a source task's loop: records acknowledged (or dropped) for
/// `commitRecord`, and the first send failure. Sendable, as callbacks run on the producer's side.
final class SourceAcknowledgements: Sendable {
    private let done = Mutex<[(ConnectRecord, RecordAck?)]>([])
    private let failure = Mutex<(ConnectRecord, Error)?>(nil)

    func append(_ record: ConnectRecord, _ ack: RecordAck?) { done.withLock { $0.append((record, ack)) } }

    func fail(_ record: ConnectRecord, _ error: Error) { failure.withLock { if $0 == nil { $0 = (record, error) } } }

    func takeDone() -> [(ConnectRecord, RecordAck?)] { done.withLock { list in defer { list.removeAll() }; return list } }

    func takeFailure() -> (ConnectRecord, Error)? { failure.withLock { f in defer { f = nil }; return f } }
}
