import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals: SIGINT, SIGTERM and SIGHUP ask the event loop to stop (it restores the terminal on its way
/// out); fatal signals restore the terminal at once and then re-raise, so the crash is reported as usual
/// on a sane screen. (SIGWINCH stays with curses, which turns it into KEY_RESIZE.)
extension Terminal {
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// The handlers in place before ours, put back by `restoreSignalHandlers`. Only the event loop's
    /// thread touches it, between start and stop.
    nonisolated(unsafe) private static var previousHandlers: [Int32: sigaction] = [:]

    static func installSignalHandlers() {
        for signal in stopSignals {
            installHandler(signal) { number in pendingSignal.store(number, ordering: .sequentiallyConsistent) }
        }
        for signal in fatalSignals {
            installHandler(signal) { number in
                if terminalActive.exchange(false, ordering: .sequentiallyConsistent) { endwin() }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func restoreSignalHandlers() {
        for (number, var previous) in previousHandlers { sigaction(number, &previous, nil) }
        previousHandlers.removeAll()
    }

    /// The signal that asked the workbench to stop, if one did.
    static func takePendingSignal() -> Int32? {
        let number = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    private static func installHandler(_ number: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(number, &action, &previous)
        if previousHandlers[number] == nil { previousHandlers[number] = previous }
    }
}
