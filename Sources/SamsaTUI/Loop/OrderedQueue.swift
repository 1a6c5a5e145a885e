/// Items handled one at a time, in the order they were enqueued, by one task: an AsyncStream with a single
/// consumer. Tasks started one per item run in no defined order; this is how order is kept.
///
/// Thread-safety: `enqueue` and `finish` may be called from any thread.
final class OrderedQueue<Item: Sendable>: Sendable {
    private let continuation: AsyncStream<Item>.Continuation
    /// The consuming task; it ends once the queue is finished and every item handled.
    let worker: Task<Void, Never>

    init(_ handle: @escaping @Sendable (Item) async -> Void) {
        let (items, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .unbounded)
        self.continuation = continuation
        worker = Task {
            for await item in items { await handle(item) }
        }
    }

    deinit { continuation.finish() }

    func enqueue(_ item: Item) {
        continuation.yield(item)
    }

    /// Takes no more items; those already queued are still handled.
    func finish() {
        continuation.finish()
    }
}
