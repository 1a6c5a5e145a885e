#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// A segment or index file opened read-only for dump-log and the workbench's segments view: it is never
/// written, truncated or locked, so pointing it at a live broker's directory cannot disturb the broker.
/// A batch being appended while it is read shows up as bytes at the end, never as an error.
///
/// Thread-safety: pread only; one instance may be read from several threads.
public final class SegmentDumpFile: Sendable {
    public let path: String
    private let fd: Int32

    /// Opens `path` read-only; fails with one sentence ("Cannot read …: No such file or directory.").
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StorageError.io("Cannot read \(path): \(String(cString: strerror(errno))).") }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw StorageError.io("Cannot read \(path): it is a directory.")
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Bytes in the file now (it may grow while a broker appends).
    public var size: Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Up to `count` bytes at `offset`; fewer only at the end of the file.
    public func read(count: Int, at offset: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: max(count, 0))
        guard count > 0 else { return buffer }
        var done = 0
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StorageError.io("Cannot read \(path): \(String(cString: strerror(errno))).")
                }
                if n == 0 { break }
                done += n
            }
            return done
        }
        return buffer
    }

    /// The whole file (for indexes, which are small).
    public func readAll() throws -> ByteBuffer { try read(count: size, at: 0) }
}
