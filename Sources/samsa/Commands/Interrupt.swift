import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Turns Ctrl-C and SIGTERM into cancellation of a task, so console tools finish cleanly (flush,
/// print their summary) instead of dying mid-write.
final class Interrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(onSignal: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler(handler: onSignal)
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
