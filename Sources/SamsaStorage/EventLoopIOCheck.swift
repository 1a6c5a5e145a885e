import Foundation

/// The broker's event loops only frame, decode and write; disk I/O there would stall every connection
/// on the loop. The cluster marks the event-loop threads it is given, and debug builds (every test run)
/// stop at file I/O on a marked thread; release builds skip both.
public enum EventLoopIOCheck {
    private static let key = "samsa.eventLoopThread"

    /// Marks the calling thread as an event loop: no disk I/O may happen on it.
    public static func markCurrentThread() {
        #if DEBUG
        Thread.current.threadDictionary[key] = true
        #endif
    }

    @inline(__always)
    static func assertOffEventLoop(_ path: String) {
        #if DEBUG
        precondition(Thread.current.threadDictionary[key] == nil, "Disk I/O on \(path) from an event loop")
        #endif
    }
}
