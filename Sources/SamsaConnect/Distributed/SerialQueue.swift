/// Runs async jobs one at a time in submission order: the herder's rebalance callbacks, config changes and
/// REST-triggered restarts all start and stop connectors, and must not interleave.
final class SerialQueue: Sendable {
    private let jobs: AsyncStream<@Sendable () async -> Void>.Continuation
    private let runner: Task<Void, Never>

    init() {
        let (stream, continuation) = AsyncStream<@Sendable () async -> Void>.makeStream()
        jobs = continuation
        runner = Task {
            for await job in stream { await job() }
        }
    }

    /// Queues `body` and waits for it to run.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await withCheckedContinuation { continuation in
            let queued = jobs.yield { continuation.resume(returning: await body()) }
            // After `finish` (the herder is stopping), run it anyway rather than leave the caller hanging.
            if case .terminated = queued { Task { continuation.resume(returning: await body()) } }
        }
    }

    /// Queues `body` without waiting.
    func submit(_ body: @escaping @Sendable () async -> Void) {
        jobs.yield(body)
    }

    func finish() async {
        jobs.finish()
        await runner.value
    }
}
