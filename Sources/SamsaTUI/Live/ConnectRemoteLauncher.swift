import SamsaConnect

/// `samsa tui --connect-url URL`: the Connect view shows a running Kafka Connect cluster (Apache Kafka's or
/// `samsa connect-distributed`/`connect-standalone`) through its REST API instead of a worker of its own.
public enum ConnectRemoteLauncher {
    /// A launcher that "starts" nothing: it polls the REST API at `url` every second.
    public static func launcher(url: String) -> ConnectLauncher {
        { _, _, _ in
            let herder = try RemoteHerder(url: url)
            herder.start()
            return RemoteWorker(remoteHerder: herder)
        }
    }

    /// One sentence when `url` cannot be a Connect REST URL (it must be `http://host:port`).
    public static func check(_ url: String) -> String? {
        do {
            _ = try RemoteHerder(url: url)
            return nil
        } catch {
            return "--connect-url expects http://host:port, not \"\(url)\": \(error)"
        }
    }
}

/// A Connect cluster reached over REST: closing stops the polls, nothing else (the cluster keeps running).
struct RemoteWorker: ConnectWorkerHandle {
    let remoteHerder: RemoteHerder
    var herder: any Herder { remoteHerder }
    func close() async { remoteHerder.stop() }
}
