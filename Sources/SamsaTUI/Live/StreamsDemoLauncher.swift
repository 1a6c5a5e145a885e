import SamsaStreams

/// Runs the demos of `samsa streams …` in the workbench's process with SamsaStreams' runtime.
public enum StreamsDemoLauncher {
    public static let launch: StreamsLauncher = { launch, _ in
        throw WorkbenchError("The Streams runtime is not in this build yet, so \(launch.demo.title) cannot start here.")
    }
}
