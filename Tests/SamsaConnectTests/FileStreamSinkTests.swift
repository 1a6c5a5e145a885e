import Foundation
import Testing
@testable import SamsaConnect

@Suite struct FileStreamSinkTests {
    @Test func appendsEachValueAsALineAsJavaPrintsIt() async throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let file = dir.appendingPathComponent("test.sink.txt").path
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: file))
        let task = FileStreamSinkTask()
        try task.start(["file": file], context: ConnectorFixtureSinkContext())
        let schema = SchemaBuilder.struct().field("id", .int32).field("name", .optionalString).field("score", .float64).build()
        let value = ConnectStruct(schema: schema, values: [.int32(7), .null, .float64(2)])
        try await task.put([
            ConnectorFixtures.sinkRecord(offset: 0, valueSchema: .string, value: .string("foo")),
            ConnectorFixtures.sinkRecord(offset: 1, valueSchema: nil, value: .null),
            ConnectorFixtures.sinkRecord(offset: 2, valueSchema: schema, value: .structure(value)),
            ConnectorFixtures.sinkRecord(offset: 3, valueSchema: nil, value: .map([.init(key: .string("a"), value: .int64(1)),
                                                               .init(key: .string("b"), value: .array([.boolean(true), .string("x")]))])),
        ])
        try await task.flush([:])
        task.stop()
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written == "kept\nfoo\nnull\nStruct{id=7,score=2.0}\n{a=1, b=[true, x]}\n")
    }

    @Test func aFileThatCannotBeCreatedIsKafkasSentence() throws {
        let task = FileStreamSinkTask()
        let path = "/nonexistent-dir-\(UUID().uuidString)/out.txt"
        #expect(throws: ConnectError.connect("Couldn't find or create file '\(path)' for FileStreamSinkTask")) {
            try task.start(["file": path], context: ConnectorFixtureSinkContext())
        }
    }

    @Test func connectorHandsOutTasksMaxConfigs() throws {
        let connector = FileStreamSinkConnector()
        try connector.start(["file": "out.txt", "topics": "connect-test"], context: ConnectorFixtureContext())
        #expect(try connector.taskConfigs(maxTasks: 2).count == 2)
        guard case .sink = connector.makeTask() else { Issue.record("not a sink task"); return }
    }
}
