import Foundation
import SamsaConnect

/// Runs the workbench's Connect worker: a standalone worker as `samsa connect-standalone` runs it with
/// Kafka's quick-start settings (JsonConverter with schemas, offsets flushed every 10 s), its offsets in
/// `<directory>/connect.offsets`.
public enum ConnectWorkerLauncher {
    /// Where an attached workbench keeps its worker's offsets: a directory of this process.
    public static var temporaryDirectory: String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("samsa-workbench-connect-\(getpid())")
    }

    public static let launch: ConnectLauncher = { bootstrap, directory in
        throw WorkbenchError("This build has no Connect runtime yet (bootstrap \(bootstrap), directory \(directory)).")
    }
}
