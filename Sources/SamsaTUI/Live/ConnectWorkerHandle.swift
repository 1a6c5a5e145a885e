import SamsaClient
import SamsaConnect

/// A Connect worker running in the workbench's process: what `ConnectHost` needs of it.
public protocol ConnectWorkerHandle: Sendable {
    /// The worker's herder: connectors are created, paused, restarted and deleted through it, as the REST
    /// API would.
    var herder: any Herder { get }
    /// Stops the worker (tasks commit their offsets and flush first).
    func close() async
}

/// Starts a standalone worker against the cluster at `bootstrap` (HOST:PORT,…) keeping its offsets in
/// `directory`; returns once it runs.
public typealias ConnectLauncher = @Sendable (_ bootstrap: String, _ directory: String, _ security: ClientSecurity) async throws
    -> any ConnectWorkerHandle

extension ConnectWorkerHandle {
    /// The Connect cluster's REST API when the handle is one (`--connect-url`), nil for an in-process worker.
    public var remote: RemoteHerder? { herder as? RemoteHerder }
}
