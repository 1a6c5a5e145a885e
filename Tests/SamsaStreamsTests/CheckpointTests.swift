import Foundation
import SamsaProtocol
import Testing
@testable import SamsaStreams

@Suite struct CheckpointTests {
    @Test func writesKafkasTextAndReadsItBack() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let checkpoint = OffsetCheckpoint(path: dir.path + "/.checkpoint")
        let offsets: [TopicPartition: Int64] = [
            TopicPartition("wc-counts-changelog", 1): 42,
            TopicPartition("wc-counts-changelog", 0): 7,
            TopicPartition("wc-other-changelog", 0): OffsetCheckpoint.offsetUnknown,
        ]
        try checkpoint.write(offsets)
        let text = try String(contentsOfFile: checkpoint.path, encoding: .utf8)
        #expect(text == "0\n3\nwc-counts-changelog 0 7\nwc-counts-changelog 1 42\nwc-other-changelog 0 -4\n")
        #expect(!FileManager.default.fileExists(atPath: checkpoint.path + ".tmp"))
        #expect(try checkpoint.read() == offsets)
    }

    @Test func readsWhatKafkaWritesIncludingItsQuirks() throws {
        // Kafka splits on runs of whitespace and skips negative offsets (other than -4), lowering the count.
        let parsed = try OffsetCheckpoint.parse("0\n3\nt  0\t5\nt 1 -1\nu 2 9\n")
        #expect(parsed == [TopicPartition("t", 0): 5, TopicPartition("u", 2): 9])
    }

    @Test func missingFileIsEmptyAndNoOffsetsDeletesTheFile() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let checkpoint = OffsetCheckpoint(path: dir.path + "/.checkpoint")
        #expect(try checkpoint.read() == [:])
        try checkpoint.write([TopicPartition("t", 0): 1])
        try checkpoint.write([:])
        #expect(!FileManager.default.fileExists(atPath: checkpoint.path))
    }

    @Test(arguments: [
        ("", "it ends before the version and entry count"),
        ("1\n1\nt 0 5\n", "unknown offset checkpoint version 1"),
        ("0\nx\n", "the entry count 'x' is not a number"),
        ("0\n2\nt 0 5\n", "expected 2 entries but found 1"),
        ("0\n1\nt 0\n", "malformed line 't 0'"),
        ("0\n1\nt zero 5\n", "malformed line 't zero 5'"),
    ])
    func corruptFileIsOneSentenceAndReadsAsNoCheckpoint(text: String, why: String) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let path = dir.path + "/.checkpoint"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let checkpoint = OffsetCheckpoint(path: path)
        #expect(throws: StateStoreError("The checkpoint file \(path) is corrupt (\(why)); its state will be restored from the changelog.")) {
            try checkpoint.read()
        }
        #expect(checkpoint.readOrEmpty() == [:])
    }

    @Test func negativeOffsetsAreRefused() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let checkpoint = OffsetCheckpoint(path: dir.path + "/.checkpoint")
        #expect(throws: StateStoreError.self) { try checkpoint.write([TopicPartition("t", 0): -1]) }
        #expect(!FileManager.default.fileExists(atPath: checkpoint.path))
    }
}
