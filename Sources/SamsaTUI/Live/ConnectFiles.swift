import Foundation

/// The files the workbench's file connectors read and write: relative names resolve under the Connect
/// directory, lines are appended as `echo … >> file` would, and the view shows a file's last lines.
enum ConnectFiles {
    /// `test.txt` → `<directory>/test.txt`; absolute paths and `~/…` stay where they point.
    static func resolve(_ path: String, in directory: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? expanded : (directory as NSString).appendingPathComponent(expanded)
    }

    /// Appends each line and a newline, creating the file (and its directory) if missing.
    static func append(_ lines: [String], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw WorkbenchError("the file cannot be created")
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// The last `count` lines of the file (reading at most its last 64 KiB); a missing file has none.
    static func tail(_ path: String, lines count: Int) -> WorkbenchConnect.FileTail {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .init(path: path, lines: [], exists: false) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 65_536 ? size - 65_536 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // A read that began mid-file may begin mid-line.
        if start > 0, !lines.isEmpty { lines.removeFirst() }
        return .init(path: path, lines: Array(lines.suffix(count)))
    }
}
