import Foundation
import Testing
@testable import SamsaConnect

@Suite struct FileStreamSourceTests {
    private func startTask(file: String, stored: [SourceMap: SourceMap] = [:], batch: Int? = nil) throws -> FileStreamSourceTask {
        let task = FileStreamSourceTask()
        var props = ["file": file, "topic": "connect-test"]
        if let batch { props["batch.size"] = String(batch) }
        try task.start(props, context: ConnectorFixtureSourceContext(stored: stored))
        return task
    }

    @Test func linesBecomeStringRecordsWithBytePositionOffsets() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("test.txt").path
        try Data("foo\nbar\r\nbaz\rqux\n".utf8).write(to: URL(fileURLWithPath: file))
        let task = try startTask(file: file)
        let records = try await ConnectorFixtures.pollRecords(task, count: 4)
        task.stop()
        #expect(records.map(\.value) == [.string("foo"), .string("bar"), .string("baz"), .string("qux")])
        // Positions after each terminator: "foo\n"=4, "bar\r\n"=9, "baz\r"=13, "qux\n"=17.
        #expect(records.map { $0.sourceOffset?["position"] } == [.int64(4), .int64(9), .int64(13), .int64(17)])
        #expect(records.allSatisfy { $0.sourcePartition == ["filename": .string(file)] })
        #expect(records.allSatisfy { $0.topic == "connect-test" && $0.valueSchema == .string && $0.keySchema == nil && $0.key == .null })
    }

    @Test func resumesFromTheStoredPositionAndFollowsAppendedLines() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("test.txt").path
        try Data("foo\nbar\n".utf8).write(to: URL(fileURLWithPath: file))
        let task = try startTask(file: file, stored: [["filename": .string(file)]: ["position": .int64(4)]])
        let first = try await ConnectorFixtures.pollRecords(task, count: 1)
        #expect(first.map(\.value) == [.string("bar")])
        #expect(first.first?.sourceOffset == ["position": .int64(8)])

        // A line written in two pieces comes out once it is complete.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("ba".utf8))
        #expect(try await task.poll() == nil)
        handle.write(Data("z\nlast\n".utf8))
        try handle.close()
        let appended = try await ConnectorFixtures.pollRecords(task, count: 2)
        task.stop()
        #expect(appended.map(\.value) == [.string("baz"), .string("last")])
        #expect(appended.map { $0.sourceOffset?["position"] } == [.int64(12), .int64(17)])
    }

    @Test func aCarriageReturnAtTheEndWaitsForTheNextByte() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("crlf.txt").path
        try Data("one\r".utf8).write(to: URL(fileURLWithPath: file))
        let task = try startTask(file: file)
        #expect(try await task.poll() == nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("\ntwo\n".utf8))
        try handle.close()
        let records = try await ConnectorFixtures.pollRecords(task, count: 2)
        task.stop()
        #expect(records.map(\.value) == [.string("one"), .string("two")])
        #expect(records.map { $0.sourceOffset?["position"] } == [.int64(5), .int64(9)])
    }

    @Test func batchSizeCapsEachPoll() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("many.txt").path
        try Data((1...5).map { "line\($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: file))
        let task = try startTask(file: file, batch: 2)
        let a = try await task.poll() ?? []
        let b = try await task.poll() ?? []
        let c = try await task.poll() ?? []
        task.stop()
        #expect(a.map(\.value) == [.string("line1"), .string("line2")])
        #expect(b.map(\.value) == [.string("line3"), .string("line4")])
        #expect(c.map(\.value) == [.string("line5")])
    }

    @Test func aMissingFileIsWaitedForAndReadOnceCreated() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("later.txt").path
        let task = try startTask(file: file)
        #expect(try await task.poll() == nil)
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: file))
        let records = try await ConnectorFixtures.pollRecords(task, count: 1)
        task.stop()
        #expect(records.map(\.value) == [.string("hello")])
    }

    @Test func anUnreadablePathFailsWithASentenceNamingIt() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let task = try startTask(file: dir.path)
        await #expect(throws: ConnectError.connect("Error while trying to read file \(dir.path): Is a directory")) {
            _ = try await task.poll()
        }
    }

    @Test func aStoredOffsetOfTheWrongTypeIsKafkasSentence() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("t.txt").path
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: file))
        let task = try startTask(file: file, stored: [["filename": .string(file)]: ["position": .string("4")]])
        await #expect(throws: ConnectError.connect("Offset position is the incorrect type")) { _ = try await task.poll() }
    }

    @Test func stopEndsAWaitingPollPromptly() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("empty.txt").path
        try Data().write(to: URL(fileURLWithPath: file))
        let task = try startTask(file: file)
        task.stop()
        #expect(try await task.poll() == nil)
    }

    @Test func configNeedsANonEmptyTopic() throws {
        let connector = FileStreamSourceConnector()
        #expect(throws: ConnectError.config("Missing required configuration \"topic\" which has no default value.")) {
            try connector.start(["file": "x"], context: ConnectorFixtureContext())
        }
        #expect(throws: ConnectError.config("Invalid value  for configuration topic: String must be non-empty")) {
            try connector.start(["file": "x", "topic": ""], context: ConnectorFixtureContext())
        }
        #expect(throws: ConnectError.config("Invalid value many for configuration batch.size: Not a number of type INT")) {
            try connector.start(["topic": "t", "batch.size": "many"], context: ConnectorFixtureContext())
        }
        try connector.start(["file": "x", "topic": "t"], context: ConnectorFixtureContext())
        #expect(try connector.taskConfigs(maxTasks: 3) == [["file": "x", "topic": "t"]])
    }

    @Test func registeredUnderKafkasNamesAndAliases() {
        let registry = PluginRegistry.builtin
        for name in ["FileStreamSource", "FileStreamSourceConnector", "org.apache.kafka.connect.file.FileStreamSourceConnector"] {
            #expect(registry.connector(name)?.type == .source)
        }
        #expect(registry.connector("FileStreamSink")?.className == "org.apache.kafka.connect.file.FileStreamSinkConnector")
    }
}
