import Foundation
import NIOCore

/// Whole-file writes that are never seen half done: write a temporary file, fsync it, rename it over
/// the target, fsync the directory.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp"
        let file = try RawFile(path: temporary, create: true)
        try file.truncate(to: 0)
        try file.write(ByteBuffer(bytes: data), at: 0)
        try file.sync()
        try Files.rename(temporary, path)
        Files.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// The file's contents, or nil if it does not exist.
    public static func read(_ path: String) throws -> Data? {
        guard Files.exists(path) else { return nil }
        let file = try RawFile(path: path, create: false)
        let buffer = try file.read(count: file.size, at: 0)
        return Data(buffer.readableBytesView)
    }
}
