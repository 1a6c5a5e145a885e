import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`, named apart from `AtomicFile.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

extension RecordExport {
    /// Temporary file, write, fsync, rename: the POSIX way to replace a file whole.
    enum AtomicFile {
        static func write(_ bytes: [UInt8], to path: String) throws(RecordExportError) {
            guard !path.isEmpty else { throw RecordExportError("No file name was given.") }
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw RecordExportError("Cannot write \(path): it is a directory.")
            }
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw RecordExportError("Cannot write \(path): the directory \(directory) does not exist.")
            }
            let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure(path, errno) }
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + written, bytes.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    close(fd)
                    unlink(temporary)
                    throw failure(path, code)
                }
                written += n
            }
            if fsync(fd) != 0 {
                let code = errno
                close(fd)
                unlink(temporary)
                throw failure(path, code)
            }
            close(fd)
            if rename(temporary, path) != 0 {
                let code = errno
                unlink(temporary)
                throw failure(path, code)
            }
        }

        private static func failure(_ path: String, _ code: Int32) -> RecordExportError {
            RecordExportError("Cannot write \(path): \(String(cString: strerror(code)).lowercased()).")
        }
    }
}
