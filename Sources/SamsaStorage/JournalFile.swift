import Foundation
import NIOCore
import Synchronization

/// An append-only file of small records, each added with one write at the end: the controller journals
/// its metadata changes here instead of rewriting a whole file per change. Appends reach the page cache
/// (they survive a crash of the process); `sync` makes them durable against power loss too.
///
/// Thread-safety: internally synchronized; appends are serialized, `sync` may run beside them.
public final class JournalFile: Sendable {
    public let path: String
    private let file: RawFile
    private let end: Mutex<Int>

    /// Opens (creating) the journal at `path` for appending after what it holds.
    public init(path: String) throws {
        self.path = path
        file = try RawFile(path: path, create: true)
        end = Mutex(file.size)
    }

    /// The journal's bytes, or nil if there is none.
    public static func contents(of path: String) throws -> Data? {
        try AtomicFile.read(path)
    }

    public func append(_ bytes: ByteBuffer) throws {
        try end.withLock { end in
            try file.write(bytes, at: end)
            end += bytes.readableBytes
        }
    }

    public func sync() throws {
        try file.sync()
    }

    /// Cuts the journal to `size` bytes (0 after its records were folded into a snapshot) and syncs.
    public func truncate(to size: Int) throws {
        try end.withLock { end in
            try file.truncate(to: size)
            try file.sync()
            end = size
        }
    }
}
