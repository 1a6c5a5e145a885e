import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals: SIGINT, SIGTERM and SIGHUP ask the event loop to stop (it restores the terminal on its way
/// out); fatal signals restore the terminal at once, then hand the signal to whoever handled it before
/// (Swift's crash backtracer, or the default action), so the crash is reported on a sane screen.
/// SIGWINCH and SIGTSTP stay with curses, which turns them into KEY_RESIZE and a clean suspend.
///
/// Handlers go in before curses starts, so curses leaves these signals alone, and the ones found are
/// put back afterwards.
extension Terminal {
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func installSignalHandlers() {
        for number in stopSignals {
            install(number) { number in pendingSignal.store(number, ordering: .sequentiallyConsistent) }
        }
        for number in fatalSignals {
            // SA_NODEFER: the re-raise below reaches the previous handler at once, inside this one.
            install(number, flags: Int32(SA_NODEFER)) { number in
                if terminalActive.exchange(false, ordering: .sequentiallyConsistent) {
                    samsa_bracketed_paste(0)
                    endwin()
                }
                Terminal.releaseStandardError()
                // Raw memory, not a Swift collection: safe to read inside a signal handler.
                sigaction(number, savedActions + Int(number), nil)
                raise(number)
                // A previous handler that returned (Swift's backtracer does) must not leave us running.
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func restoreSignalHandlers() {
        for number in stopSignals + fatalSignals where savedFlags[Int(number)] {
            sigaction(number, savedActions + Int(number), nil)
            savedFlags[Int(number)] = false
        }
    }

    /// The signal that asked the workbench to stop, if one did.
    static func takePendingSignal() -> Int32? {
        let number = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    private static func install(_ number: Int32, flags: Int32 = 0, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        let index = Int(number)
        if savedFlags[index] {
            sigaction(number, &action, nil)
        } else {
            sigaction(number, &action, savedActions + index)
            savedFlags[index] = true
        }
    }
}

/// The handlers found before ours, indexed by signal number; read by the fatal-signal handler.
nonisolated(unsafe) private let savedActions: UnsafeMutablePointer<sigaction> = {
    let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    pointer.initialize(repeating: sigaction(), count: 65)
    return pointer
}()
/// Which entries of `savedActions` hold a saved handler. Only the event loop's thread touches it.
nonisolated(unsafe) private var savedFlags = [Bool](repeating: false, count: 65)
