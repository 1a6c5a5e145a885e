import Foundation
import SamsaStreams

/// A Streams application the workbench runs in-process (a real client over loopback), with the last
/// snapshot its runtime published.
public struct WorkbenchStreamsApp: Sendable, Equatable {
    public let launch: StreamsLaunch
    /// Nil until the runtime's first snapshot.
    public let snapshot: StreamsSnapshot?
    /// When its processed count last grew: the tour checks processing went on after a broker failed.
    public let lastProgress: Date?

    public init(launch: StreamsLaunch, snapshot: StreamsSnapshot?, lastProgress: Date? = nil) {
        self.launch = launch
        self.snapshot = snapshot
        self.lastProgress = lastProgress
    }

    public var applicationId: String { launch.applicationId }
}
