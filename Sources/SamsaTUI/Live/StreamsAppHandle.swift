import SamsaClient
import SamsaStreams

/// A Streams application running in the workbench's process: what `StreamsHost` needs of it.
public protocol StreamsAppHandle: Sendable {
    /// The runtime's latest snapshot. Called from a background task, never from the UI thread.
    func snapshot() async -> StreamsSnapshot
    /// Stops it cleanly (commits, flushes and closes its stores, leaves the group).
    func close() async
}

/// Starts a demo against the cluster at `bootstrap` (HOST:PORT) with the workbench's TLS and SASL settings
/// (`samsa tui --command-config`) and returns once it is starting.
public typealias StreamsLauncher = @Sendable (_ launch: StreamsLaunch, _ bootstrap: String, _ security: ClientSecurity) async throws
    -> any StreamsAppHandle
