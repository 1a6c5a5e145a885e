import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// While curses owns the screen, anything written to stderr (a library's warning, the Swift runtime's
/// "Fatal error: …" before a crash) would land on top of the frame. So stderr goes to a temporary file
/// instead, and what was caught is written to the real stderr once the terminal is restored — on a
/// normal exit, and from the crash handler, so a crash's message is never lost.
extension Terminal {
    static func captureStandardError() {
        let path = NSTemporaryDirectory() + "samsa-tui-stderr-\(getpid()).log"
        let capture = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard capture >= 0 else { return }
        unlink(path)  // the descriptor keeps it alive; nothing is left behind
        let original = dup(STDERR_FILENO)
        guard original >= 0 else {
            close(capture)
            return
        }
        fflush(nil)  // every stdio stream: nothing buffered for the terminal may end up in the file
        dup2(capture, STDERR_FILENO)
        originalStandardError.store(original, ordering: .sequentiallyConsistent)
        capturedStandardError.store(capture, ordering: .sequentiallyConsistent)
    }

    /// Points stderr back at the terminal and writes out what was caught. Safe in a signal handler: only
    /// atomics and system calls.
    static func releaseStandardError() {
        let original = originalStandardError.exchange(-1, ordering: .sequentiallyConsistent)
        let capture = capturedStandardError.exchange(-1, ordering: .sequentiallyConsistent)
        guard original >= 0, capture >= 0 else { return }
        dup2(original, STDERR_FILENO)
        close(original)
        lseek(capture, 0, SEEK_SET)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            while true {
                let count = read(capture, buffer.baseAddress, 4096)
                if count <= 0 { break }
                _ = write(STDERR_FILENO, buffer.baseAddress, count)
            }
        }
        close(capture)
    }
}

/// The terminal's stderr while it is redirected, and the file catching it (-1 when not redirected).
let originalStandardError = Atomic<Int32>(-1)
let capturedStandardError = Atomic<Int32>(-1)

