import CNCurses
import Foundation
import Synchronization

/// Owns the terminal while the workbench runs: curses set up in cbreak mode without echo, keypad, mouse
/// and bracketed paste on, the cursor hidden. `stop()` gives the terminal back as it was; signal handlers make sure
/// that also happens on SIGINT, SIGTERM, SIGHUP and on a crash.
final class Terminal: TerminalInputSource {
    let isUTF8: Bool
    let hasColors: Bool
    /// How long `readInput(waiting: true)` waits for input, in milliseconds.
    let tick: Int32

    private var stopped = false

    /// Sets up curses; `tickMilliseconds` is how long `readInput(waiting: true)` waits for input.
    init(tickMilliseconds: Int32) throws {
        tick = tickMilliseconds
        samsa_set_locale()
        isUTF8 = samsa_locale_is_utf8() != 0
        Terminal.installSignalHandlers()
        // The size comes from the terminal itself: LINES/COLUMNS left in the environment (pytest and some
        // shells export them) would pin the screen to a stale size and hide every resize. (curses' own
        // use_env/use_tioctl switches also stop it following resizes, so the variables go.)
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard initscr() != nil else {
            Terminal.restoreSignalHandlers()
            throw WorkbenchError("The terminal could not be set up (is TERM set?).")
        }
        Terminal.captureStandardError()
        terminalActive.store(true, ordering: .sequentiallyConsistent)
        cbreak()
        noecho()
        nonl()
        _ = samsa_keypad(1)
        samsa_cursor(0)
        set_escdelay(25)
        samsa_enable_mouse(1)
        // Pasted text then comes marked, so it is never taken for keys (a pasted "q" must not quit).
        samsa_bracketed_paste(1)
        hasColors = has_colors()
    }

    /// Turns colour on; without this call (NO_COLOR, `--color none`) the terminal keeps its own colours.
    /// Returns how many colours the terminal has.
    func enableColors() -> Int {
        guard hasColors else { return 0 }
        start_color()
        return Int(samsa_colors())
    }

    deinit { stop() }

    /// Restores the terminal. Idempotent.
    func stop() {
        guard !stopped else { return }
        stopped = true
        samsa_enable_mouse(0)
        if terminalActive.exchange(false, ordering: .sequentiallyConsistent) {
            samsa_bracketed_paste(0)
            endwin()
        }
        Terminal.releaseStandardError()
        Terminal.restoreSignalHandlers()
    }

    func readInput(waiting: Bool) -> TerminalInput? {
        samsa_timeout(waiting ? tick : 0)
        var ch: wint_t = 0
        let result = samsa_get_wch(&ch)
        if result == ERR { return nil }
        if result == samsa_key_code_yes() {
            switch Int32(ch) {
            case samsa_key_paste_begin(): return .pasteBegin
            case samsa_key_paste_end(): return .pasteEnd
            default: return functionKey(Int32(ch)).map(TerminalInput.key) ?? .ignored
            }
        }
        return characterKey(UInt32(ch)).map(TerminalInput.key) ?? .ignored
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case KEY_MOUSE:
            var row: Int32 = 0, col: Int32 = 0
            switch samsa_read_mouse(&row, &col) {
            case 1: return .click(row: Int(row), col: Int(col))
            case 4: return .wheelUp(row: Int(row), col: Int(col))
            case 5: return .wheelDown(row: Int(row), col: Int(col))
            default: return nil
            }
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    private func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}

/// Whether curses owns the terminal; the crash handler reads it, so it is a lock-free global.
let terminalActive = Atomic<Bool>(false)
/// The last SIGINT/SIGTERM/SIGHUP received (0 for none); the event loop polls it.
let pendingSignal = Atomic<Int32>(0)
