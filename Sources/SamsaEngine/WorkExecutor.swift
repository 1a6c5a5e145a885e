/// Where the engine runs blocking work it starts on its own behalf (a parked fetch re-reading its
/// partitions, a replica fetch appending), so none of it lands on an event loop. The server hands in its
/// request-handler pool; the engine's replica fetchers use a `SerialWorkQueue` of their own.
public protocol WorkExecutor: Sendable {
    /// Runs `work` soon, on some thread that may block.
    func execute(_ work: @escaping @Sendable () -> Void)
}
