#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive `flock` on `<data-dir>/.lock`, so two servers never share one data directory.
final class DataDirectoryLock: Sendable {
    private let fd: Int32

    init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EngineError(.kafkaStorageError, "Cannot create data directory \(directory): \(error.localizedDescription)")
        }
        let path = directory + "/.lock"
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw EngineError(.kafkaStorageError, "Cannot open \(path): \(String(cString: strerror(errno))).")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw EngineError(.kafkaStorageError, "Data directory \(directory) is in use by another samsa server.")
        }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
