/// Runs `body` on `owner` every `interval` until the task is cancelled or the owner is gone.
///
/// The task holds the owner weakly and only for the length of one `body`, so a source dropped without
/// `close()` is not kept alive by its own refresher, and the loop ends instead of ticking forever on nil.
@discardableResult
func repeatWhileAlive<Owner: AnyObject & Sendable>(
    _ owner: Owner, every interval: Duration, _ body: @escaping @Sendable (Owner) async -> Void
) -> Task<Void, Never> {
    Task { [weak owner] in
        while !Task.isCancelled {
            do {
                guard let owner else { return }
                await body(owner)
            }
            try? await Task.sleep(for: interval)
        }
    }
}
