#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// A file descriptor with the few calls the log needs, each failing with a readable `StorageError`.
/// The descriptor closes when the last reference goes away, so a reader holding a segment that
/// retention just deleted still reads valid bytes instead of a reused descriptor.
///
/// Thread-safety: pread may be called concurrently; writes are serialized by the owning log.
final class RawFile: @unchecked Sendable {
    let path: String
    private let fd: Int32
    /// The descriptor, for sendfile; valid while this object lives.
    var descriptor: Int32 { fd }

    init(path: String, create: Bool) throws {
        EventLoopIOCheck.assertOffEventLoop(path)
        self.path = path
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw Self.error("open", path) }
        self.fd = fd
    }

    deinit { close(fd) }

    static func error(_ call: String, _ path: String) -> StorageError {
        .io("Cannot \(call) \(path): \(String(cString: strerror(errno))).")
    }

    var size: Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    func read(count: Int, at offset: Int) throws -> ByteBuffer {
        EventLoopIOCheck.assertOffEventLoop(path)
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var done = 0
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Self.error("read", path)
                }
                if n == 0 { break }
                done += n
            }
            return done
        }
        return buffer
    }

    /// Writes all of `iovecs` at `offset`, retrying short writes.
    func write(_ iovecs: [iovec], at offset: Int) throws {
        EventLoopIOCheck.assertOffEventLoop(path)
        var vectors = iovecs
        var position = offset
        var index = 0
        while index < vectors.count {
            let n = vectors.withUnsafeMutableBufferPointer { pointer in
                pwritev(fd, pointer.baseAddress! + index, Int32(min(pointer.count - index, 1024)), off_t(position))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error("write", path)
            }
            position += n
            var written = n
            while index < vectors.count, written >= vectors[index].iov_len {
                written -= vectors[index].iov_len
                index += 1
            }
            if index < vectors.count && written > 0 {
                vectors[index].iov_base = vectors[index].iov_base + written
                vectors[index].iov_len -= written
            }
        }
    }

    func write(_ buffer: ByteBuffer, at offset: Int) throws {
        try buffer.withUnsafeReadableBytes { raw in
            guard raw.count > 0 else { return }
            try write([iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress!), iov_len: raw.count)], at: offset)
        }
    }

    func sync() throws {
        EventLoopIOCheck.assertOffEventLoop(path)
        guard fdatasync(fd) == 0 else { throw Self.error("fsync", path) }
    }

    func truncate(to size: Int) throws {
        EventLoopIOCheck.assertOffEventLoop(path)
        guard ftruncate(fd, off_t(size)) == 0 else { throw Self.error("truncate", path) }
    }
}

enum Files {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func remove(_ path: String) { unlink(path) }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw RawFile.error("rename", from) }
    }

    static func makeDirectory(_ path: String) throws {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST { throw RawFile.error("create directory", partial) }
        }
    }

    static func list(_ directory: String) throws -> [String] {
        guard let dir = opendir(directory) else { throw RawFile.error("list", directory) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func removeTree(_ path: String) throws {
        for name in (try? list(path)) ?? [] {
            let child = path + "/" + name
            var info = stat()
            if lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                try removeTree(child)
            } else {
                unlink(child)
            }
        }
        if rmdir(path) != 0 && errno != ENOENT { throw RawFile.error("remove", path) }
    }
}
