import Foundation
import Logging
import SamsaClient
import SamsaConnect

/// Runs the workbench's Connect worker: a standalone worker as `samsa connect-standalone` runs Kafka's
/// quick-start `connect-standalone.properties` (JsonConverter with schemas for keys and values, offsets
/// flushed every 10 s), its source offsets in `<directory>/connect.offsets`.
public enum ConnectWorkerLauncher {
    /// Where an attached workbench keeps its worker's offsets: a directory of this process.
    public static var temporaryDirectory: String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("samsa-workbench-connect-\(getpid())")
    }

    /// The quick start's worker settings against `bootstrap`; `security` (the workbench's) for the worker's
    /// clients and its tasks' producers, consumers and admin clients alike.
    public static func workerConfig(bootstrap: String, directory: String, security: ClientSecurity = .plaintext) -> WorkerConfig {
        var config = WorkerConfig()
        config.bootstrapServers = bootstrap
        config.security = security
        config.producerSecurity = security
        config.consumerSecurity = security
        config.adminSecurity = security
        config.offsetStorageFile = (directory as NSString).appendingPathComponent("connect.offsets")
        config.offsetFlushIntervalMs = 10_000
        config.keyConverterConfig["schemas.enable"] = "true"
        config.valueConverterConfig["schemas.enable"] = "true"
        config.clientId = "samsa-workbench-connect"
        return config
    }

    public static let launch: ConnectLauncher = { bootstrap, directory, security in
        // No REST listener here: the id names the host and says whose worker it is.
        let workerId = ProcessInfo.processInfo.hostName + ":workbench"
        let herder = StandaloneHerder(workerConfig: workerConfig(bootstrap: bootstrap, directory: directory, security: security), workerId: workerId,
                                      logger: Logger(label: "samsa.workbench.connect"))
        do {
            try await herder.start()
        } catch {
            await herder.stop()
            throw error
        }
        return StandaloneWorker(standalone: herder)
    }
}

/// The workbench's `StandaloneHerder`.
struct StandaloneWorker: ConnectWorkerHandle {
    let standalone: StandaloneHerder
    var herder: any Herder { standalone }
    func close() async { await standalone.stop() }
}
