/// Runs `body`, then `cleanup` whether or not `body` threw, then rethrows: async tests cannot `defer` an
/// await, and a test that fails must not leave a producer or group member reconnecting to a stopped server.
func withCleanup(_ body: () async throws -> Void, cleanup: () async -> Void) async throws {
    let result: Result<Void, Error>
    do {
        try await body()
        result = .success(())
    } catch {
        result = .failure(error)
    }
    await cleanup()
    try result.get()
}
