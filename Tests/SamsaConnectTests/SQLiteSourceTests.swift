import Foundation
import Testing
@testable import SamsaConnect

@Suite struct SQLiteSourceTests {
    private func makeDatabase(_ sql: String) throws -> String {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("source.db").path
        _ = try SQLiteSinkTests.sqlite3(db, sql)
        return db
    }

    private func startTask(_ props: [String: String], stored: [SourceMap: SourceMap] = [:]) throws -> SqliteSourceTask {
        let task = SqliteSourceTask()
        try task.start(props, context: ConnectorFixtureSourceContext(stored: stored))
        return task
    }

    @Test func incrementingModeCopiesNewRowsAndResumesFromTheOffset() async throws {
        let db = try makeDatabase("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, tag); "
            + "INSERT INTO items VALUES (1, 'a', 1.5, 'x'), (2, 'b', NULL, 7), (3, 'c', 3, NULL);")
        let props = ["connection.url": "jdbc:sqlite:\(db)", "mode": "incrementing", "incrementing.column.name": "id",
                     "tables": "items", "topic.prefix": "sqlite-", "poll.interval.ms": "10", "batch.max.rows": "2"]
        let task = try startTask(props)
        let first = try await ConnectorFixtures.pollRecords(task, count: 3)
        #expect(first.map { $0.value.structValue?["id"] } == [.int64(1), .int64(2), .int64(3)])
        #expect(first.map(\.sourceOffset) == [["incrementing": .int64(1)], ["incrementing": .int64(2)], ["incrementing": .int64(3)]])
        #expect(first.allSatisfy { $0.topic == "sqlite-items" && $0.sourcePartition == ["table": .string("items")] && $0.key == .null })
        let row = try #require(first.first?.value.structValue)
        #expect(row.schema.name == "items")
        #expect(row.schema.fields.map { "\($0.name):\($0.schema.type.rawValue):\($0.schema.isOptional)" }
                == ["id:int64:true", "name:string:false", "price:float64:true", "tag:string:true"])
        #expect(row.values == [.int64(1), .string("a"), .float64(1.5), .string("x")])
        #expect(first[1].value.structValue?["tag"] == .string("7"))

        _ = try SQLiteSinkTests.sqlite3(db, "INSERT INTO items VALUES (4, 'd', 4, NULL);")
        let later = try await ConnectorFixtures.pollRecords(task, count: 1)
        task.stop()
        #expect(later.map { $0.value.structValue?["name"] } == [.string("d")])

        let resumed = try startTask(props, stored: [["table": .string("items")]: ["incrementing": .int64(3)]])
        let fromOffset = try await ConnectorFixtures.pollRecords(resumed, count: 1)
        resumed.stop()
        #expect(fromOffset.map { $0.value.structValue?["id"] } == [.int64(4)])
    }

    @Test func timestampModeReadsEpochMillisAndDateText() async throws {
        let db = try makeDatabase("CREATE TABLE events (name TEXT, updated); "
            + "INSERT INTO events VALUES ('old', 1000), ('text', '2024-01-02 03:04:05'), ('new', 1704164645500);")
        let task = try startTask(["sqlite.path": db, "mode": "timestamp", "timestamp.column.name": "updated",
                                  "tables": "events", "topic.prefix": "", "poll.interval.ms": "10"],
                                 stored: [["table": .string("events")]: ["timestamp": .int64(1000)]])
        let records = try await ConnectorFixtures.pollRecords(task, count: 2)
        task.stop()
        #expect(records.map { $0.value.structValue?["name"] } == [.string("text"), .string("new")])
        // 2024-01-02T03:04:05Z = 1704164645000 ms.
        #expect(records.map(\.sourceOffset) == [["timestamp": .int64(1_704_164_645_000), "timestamp_nanos": .int32(0)],
                                                ["timestamp": .int64(1_704_164_645_500), "timestamp_nanos": .int32(500_000_000)]])
    }

    @Test func theConnectorSplitsTablesOverTasks() throws {
        let db = try makeDatabase("CREATE TABLE a (id INTEGER); CREATE TABLE b (id INTEGER); CREATE TABLE c (id INTEGER);")
        let connector = SqliteSourceConnector()
        try connector.start(["sqlite.path": db, "mode": "incrementing", "incrementing.column.name": "id", "topic.prefix": "p-"],
                            context: ConnectorFixtureContext())
        #expect(try connector.taskConfigs(maxTasks: 2).map { $0["tables"] } == ["a,b", "c"])
        #expect(try connector.taskConfigs(maxTasks: 5).map { $0["tables"] } == ["a", "b", "c"])
    }

    @Test func missingDatabasesTablesAndColumnsAreOneSentence() throws {
        let db = try makeDatabase("CREATE TABLE a (id INTEGER);")
        let base = ["mode": "incrementing", "incrementing.column.name": "id", "topic.prefix": "p-", "tables": "a"]
        #expect(throws: ConnectError.connect("SQLite database '/nonexistent/x.db' does not exist")) {
            _ = try startTask(base.merging(["sqlite.path": "/nonexistent/x.db"]) { $1 })
        }
        #expect(throws: ConnectError.connect("Table 'zz' does not exist in SQLite database '\(db)'")) {
            _ = try startTask(base.merging(["sqlite.path": db, "tables": "zz"]) { $1 })
        }
        #expect(throws: ConnectError.connect("Column 'seq' does not exist in table 'a' of SQLite database '\(db)'")) {
            _ = try startTask(base.merging(["sqlite.path": db, "incrementing.column.name": "seq"]) { $1 })
        }
        #expect(throws: ConnectError.config("Missing required configuration \"timestamp.column.name\" for mode=timestamp.")) {
            _ = try startTask(base.merging(["sqlite.path": db, "mode": "timestamp"]) { $1 })
        }
        #expect(PluginRegistry.builtin.connector("io.samsa.connect.sqlite.SqliteSourceConnector")?.type == .source)
    }
}
