import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Blocks until SIGINT or SIGTERM, so the caller can shut down cleanly.
enum SignalWaiter {
    static func waitForTermination() {
        let semaphore = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "samsa.signals")
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { semaphore.signal() }
            source.resume()
            sources.append(source)
        }
        semaphore.wait()
        for source in sources { source.cancel() }
    }
}
