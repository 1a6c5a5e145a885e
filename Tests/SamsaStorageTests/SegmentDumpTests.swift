import Foundation
import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaStorage

/// `samsa dump-log` over segments SamsaStorage wrote: Kafka's line formats, compressed and transactional
/// batches, CRC checking with the corrupt batch named by position, and torn files that never crash it.
@Suite struct SegmentDumpTests {
    /// Runs the tool; returns (stdout lines, stderr lines, ok).
    func dump(_ files: [String], deep: Bool = false, printData: Bool = false, maxBytes: Int = Int(Int32.max),
              configure: (inout SegmentDumpOptions) -> Void = { _ in }) -> (out: [String], err: [String], ok: Bool) {
        var options = SegmentDumpOptions(files: files)
        options.deepIteration = deep
        options.printDataLog = printData
        options.maxBytes = maxBytes
        configure(&options)
        let out = Lines(), err = Lines()
        let ok = SegmentDumpTool.run(options, out: { out.add($0) }, err: { err.add($0) })
        return (out.all, err.all, ok)
    }

    final class Lines: @unchecked Sendable {
        var all: [String] = []
        func add(_ line: String) { all.append(line) }
    }

    /// A one-segment log in `dir` holding `batches` (an index entry per batch), closed; returns the .log path.
    func writeLog(_ dir: TempDirectory, _ batches: [ByteBuffer]) throws -> String {
        var config = LogConfig()
        config.indexIntervalBytes = 1
        let log = try DiskLog.open(directory: dir.sub("t-0"), config: config)
        for batch in batches { _ = try log.append(batch, leaderEpoch: 3, now: 0) }
        try log.close()
        return dir.sub("t-0") + "/00000000000000000000.log"
    }

    func keyed(_ pairs: [(String?, String)], timestamp: Int64 = 5000, headers: [RecordHeader] = []) -> ByteBuffer {
        var builder = RecordBatchBuilder()
        for (i, (key, value)) in pairs.enumerated() {
            builder.append(key: key.map { ByteBuffer(string: $0) }, value: ByteBuffer(string: value), headers: headers,
                           timestamp: timestamp + Int64(i))
        }
        return builder.build()
    }

    @Test func plainBatchesPrintAsKafkaDoes() throws {
        let dir = TempDirectory()
        let first = keyed([("k1", "hello"), (nil, "world")], headers: [RecordHeader(key: "h1", value: nil), RecordHeader(key: "h2", value: ByteBuffer(string: "x"))])
        let second = keyed([("k3", "again")], timestamp: 9000)
        let path = try writeLog(dir, [first, second])
        let result = dump([path], printData: true)
        #expect(result.ok)
        #expect(result.err.isEmpty)
        let crc1 = RecordBatchHeader(buffer: first, at: 0)!.crc
        #expect(result.out == [
            "Dumping \(path)",
            "Log starting offset: 0",
            "baseOffset: 0 lastOffset: 1 count: 2 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 3 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 5001 size: \(first.readableBytes) magic: 2 compresscodec: none crc: \(crc1) isvalid: true",
            "| offset: 0 CreateTime: 5000 keySize: 2 valueSize: 5 sequence: -1 headerKeys: [h1,h2] key: k1 payload: hello",
            "| offset: 1 CreateTime: 5001 keySize: -1 valueSize: 5 sequence: -1 headerKeys: [h1,h2] payload: world",
            "baseOffset: 2 lastOffset: 2 count: 1 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 3 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: \(first.readableBytes) CreateTime: 9000 size: \(second.readableBytes) magic: 2 compresscodec: none crc: \(RecordBatchHeader(buffer: second, at: 0)!.crc) isvalid: true",
            "| offset: 2 CreateTime: 9000 keySize: 2 valueSize: 5 sequence: -1 headerKeys: [] key: k3 payload: again",
        ])
        // Without --deep-iteration only the batches are printed; --deep-iteration alone prints no data.
        #expect(dump([path]).out.count == 4)
        let deep = dump([path], deep: true).out
        #expect(deep[3] == "| offset: 0 CreateTime: 5000 keySize: 2 valueSize: 5 sequence: -1 headerKeys: [h1,h2]")
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func compressedBatchesAreDecompressedForDeepIteration(codec: CompressionCodec) throws {
        let dir = TempDirectory()
        var builder = RecordBatchBuilder()
        for i in 0..<20 { builder.append(key: nil, value: ByteBuffer(string: "value-\(i)-" + String(repeating: "z", count: 50)), timestamp: 100) }
        let path = try writeLog(dir, [try builder.build(compression: codec)])
        let result = dump([path], printData: true)
        #expect(result.ok)
        #expect(result.out[2].contains("count: 20 "))
        #expect(result.out[2].contains("compresscodec: \(codec) crc:"))
        #expect(result.out[2].hasSuffix("isvalid: true"))
        #expect(result.out.count == 3 + 20)
        #expect(result.out[3 + 19].hasPrefix("| offset: 19 CreateTime: 100 keySize: -1 valueSize: 59 "))
        #expect(result.out[3 + 19].hasSuffix("payload: value-19-" + String(repeating: "z", count: 50)))
    }

    @Test func transactionalBatchesAndControlRecords() throws {
        let dir = TempDirectory()
        var builder = RecordBatchBuilder()
        builder.producerId = 4000
        builder.producerEpoch = 2
        builder.baseSequence = 7
        builder.isTransactional = true
        builder.append(key: nil, value: ByteBuffer(string: "a"), timestamp: 10)
        builder.append(key: nil, value: ByteBuffer(string: "b"), timestamp: 11)
        let data = builder.build()
        let commit = ControlRecord(kind: .commit, coordinatorEpoch: 6).batch(producerId: 4000, producerEpoch: 2, timestamp: 12)
        let abort = ControlRecord(kind: .abort, coordinatorEpoch: 6).batch(producerId: 4000, producerEpoch: 2, timestamp: 13)
        let path = try writeLog(dir, [data, commit, abort])
        let out = dump([path], printData: true).out
        #expect(out[2].hasPrefix("baseOffset: 0 lastOffset: 1 count: 2 baseSequence: 7 lastSequence: 8 producerId: 4000 producerEpoch: 2 partitionLeaderEpoch: 3 isTransactional: true isControl: false "))
        #expect(out[3] == "| offset: 0 CreateTime: 10 keySize: -1 valueSize: 1 sequence: 7 headerKeys: [] payload: a")
        #expect(out[4] == "| offset: 1 CreateTime: 11 keySize: -1 valueSize: 1 sequence: 8 headerKeys: [] payload: b")
        #expect(out[5].hasPrefix("baseOffset: 2 lastOffset: 2 count: 1 baseSequence: -1 lastSequence: -1 producerId: 4000 producerEpoch: 2 partitionLeaderEpoch: 3 isTransactional: true isControl: true "))
        // Control records show their marker and never a key or payload.
        #expect(out[6] == "| offset: 2 CreateTime: 12 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 6")
        #expect(out[8] == "| offset: 3 CreateTime: 13 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: ABORT coordinatorEpoch: 6")
    }

    @Test func aCorruptBatchIsNamedByPositionAndTheDumpGoesOn() throws {
        let dir = TempDirectory()
        let batches = (0..<3).map { keyed([("k\($0)", "value-\($0)")]) }
        let path = try writeLog(dir, batches)
        let position = batches[0].readableBytes
        // Flip a byte inside the second batch's records: its CRC no longer matches.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(position + batches[1].readableBytes - 2))
        let byte = try #require(handle.readData(ofLength: 1).first)
        try handle.seek(toOffset: UInt64(position + batches[1].readableBytes - 2))
        handle.write(Data([byte ^ 0xFF]))
        try handle.close()

        let result = dump([path], deep: true)
        #expect(!result.ok)
        let batchLines = result.out.filter { $0.hasPrefix("baseOffset:") }
        #expect(batchLines.count == 3)
        #expect(batchLines[0].hasSuffix("isvalid: true"))
        #expect(batchLines[1].contains("position: \(position) "))
        #expect(batchLines[1].hasSuffix("isvalid: false"))
        #expect(batchLines[2].hasSuffix("isvalid: true"))
        let stored = RecordBatchHeader(buffer: batches[1], at: 0)!.crc
        #expect(result.err.first == "Corrupt batches in \(path)")
        #expect(result.err.contains { $0.hasPrefix("  position: \(position) baseOffset: 1 stored crc: \(stored) computed crc: ") })
    }

    @Test func aTruncatedTailIsReportedNotFatal() throws {
        let dir = TempDirectory()
        let batches = (0..<2).map { keyed([("k\($0)", "value-\($0)")]) }
        let path = try writeLog(dir, batches)
        let cut = batches[1].readableBytes / 2
        let size = batches[0].readableBytes + batches[1].readableBytes
        #expect(truncate(path, off_t(size - cut)) == 0)
        let result = dump([path], deep: true)
        #expect(result.ok)
        #expect(result.out.filter { $0.hasPrefix("baseOffset:") }.count == 1)
        #expect(result.out.last == "Found \(batches[1].readableBytes - cut) invalid bytes at the end of 00000000000000000000.log")
        // --max-bytes stops early without calling the rest invalid, as Kafka does.
        let limited = dump([path], maxBytes: batches[0].readableBytes + 10)
        #expect(limited.out.filter { $0.hasPrefix("baseOffset:") }.count == 1)
        #expect(!limited.out.contains { $0.hasPrefix("Found ") })
    }

    @Test func anImpossibleBatchSizeEndsTheDumpWithItsPosition() throws {
        let dir = TempDirectory()
        let batches = (0..<2).map { keyed([("k\($0)", "v\($0)")]) }
        let path = try writeLog(dir, batches)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(batches[0].readableBytes + 8))
        handle.write(Data([0, 0, 0, 3]))
        try handle.close()
        let result = dump([path])
        #expect(!result.ok)
        #expect(result.out.filter { $0.hasPrefix("baseOffset:") }.count == 1)
        #expect(result.err.contains("  position: \(batches[0].readableBytes) Found record size 3 smaller than minimum record overhead (14); the rest of the file was not read"))
    }

    @Test func missingAndUnknownFilesAreOneSentence() throws {
        let dir = TempDirectory()
        let result = dump([dir.sub("00000000000000000000.log"), dir.path + "/x.txt"])
        #expect(!result.ok)
        #expect(result.out == ["Dumping \(dir.sub("00000000000000000000.log"))", "Dumping \(dir.path)/x.txt"])
        #expect(result.err == ["Cannot read \(dir.sub("00000000000000000000.log")): No such file or directory.", "Ignoring unknown file \(dir.path)/x.txt"])
    }

    @Test func lastSequenceWrapsAsKafkaDoes() {
        #expect(SegmentDumpBatch.sequence(Int32.max - 1, plus: 3) == 1)
        #expect(SegmentDumpBatch.sequence(5, plus: 3) == 8)
        #expect(SegmentDumpBatch.sequence(-1, plus: 3) == -1)
    }
}
