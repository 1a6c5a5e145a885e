import ArgumentParser
import Foundation
import SamsaStorage

/// `samsa dump-log`: kafka-dump-log over segment files (`.log`, `.index`, `.timeindex`, `.txnindex`),
/// read-only, so it is safe on a running broker's data directory.
struct DumpLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-log",
        abstract: "Print the batches and records of log segment files and check their indexes (like kafka-dump-log.sh).",
        discussion: """
        Files are read, never written or locked. Every batch's CRC is checked: a corrupt batch shows isvalid: false \
        and is named with its byte position at the end; a torn tail is reported as invalid bytes.
        """)

    @Option(help: ArgumentHelp("The comma separated list of data and index log files to be dumped.", valueName: "file1,file2,..."))
    var files: String

    @Flag(name: .customLong("print-data-log"), help: "Print each record's key and payload (implies --deep-iteration).")
    var printDataLog = false
    @Flag(name: .customLong("deep-iteration"), help: "Print every record of every batch, not only the batches.")
    var deepIteration = false
    @Flag(name: .customLong("verify-index-only"), help: "Check the index against the log without printing its entries.")
    var verifyIndexOnly = false
    @Flag(name: .customLong("index-sanity-check"), help: "Only run the sanity check a broker runs on an index at start.")
    var indexSanityCheck = false
    @Option(name: .customLong("max-bytes"), help: ArgumentHelp("Read at most this many bytes of each .log file.", valueName: "size"))
    var maxBytes: Int = Int(Int32.max)

    func validate() throws {
        if fileList.isEmpty { throw ValidationError("--files needs at least one file name.") }
        if maxBytes <= 0 || maxBytes > Int(Int32.max) {
            throw ValidationError("--max-bytes must be between 1 and \(Int32.max), not \(maxBytes).")
        }
    }

    var fileList: [String] { files.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func run() throws {
        var options = SegmentDumpOptions(files: fileList)
        options.printDataLog = printDataLog
        options.deepIteration = deepIteration
        options.verifyIndexOnly = verifyIndexOnly
        options.indexSanityCheck = indexSanityCheck
        options.maxBytes = maxBytes
        // Lines collect in a String and go out in large writes: a deep dump prints a line per record.
        var pending = ""
        func flush() {
            guard !pending.isEmpty else { return }
            FileHandle.standardOutput.write(Data(pending.utf8))
            pending.removeAll(keepingCapacity: true)
        }
        let ok = SegmentDumpTool.run(options, out: { line in
            pending += line
            pending += "\n"
            if pending.utf8.count >= 1 << 16 { flush() }
        }, err: { line in
            flush()
            FileHandle.standardError.write(Data((line + "\n").utf8))
        })
        flush()
        if !ok { throw ExitCode.failure }
    }
}
