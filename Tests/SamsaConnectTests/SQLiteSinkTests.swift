import Foundation
import Testing
@testable import SamsaConnect

@Suite struct SQLiteSinkTests {
    static let userSchema = SchemaBuilder.struct().name("user")
        .field("id", .int64).field("name", .string).field("email", .optionalString).build()
    static let keySchema = SchemaBuilder.struct().field("id", .int64).build()

    static func user(_ id: Int64, _ name: String, _ email: String?) -> ConnectValue {
        .structure(ConnectStruct(schema: userSchema, values: [.int64(id), .string(name), email.map(ConnectValue.string) ?? .null]))
    }

    static func key(_ id: Int64) -> ConnectValue { .structure(ConnectStruct(schema: keySchema, values: [.int64(id)])) }

    /// What the sqlite3 command line prints for `sql` (rows joined by newlines, columns by `|`).
    static func sqlite3(_ db: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [db, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    private func startTask(_ props: [String: String], tolerate: Bool = false) throws -> (SqliteSinkTask, ConnectorFixtureSinkContext) {
        let task = SqliteSinkTask()
        let context = ConnectorFixtureSinkContext(tolerate: tolerate)
        try task.start(props, context: context)
        return (task, context)
    }

    @Test func upsertByRecordKeyCreatesTheTableAndKeepsTheLatestRow() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let (task, _) = try startTask(["connection.url": "jdbc:sqlite:\(db)", "insert.mode": "upsert", "pk.mode": "record_key",
                                       "auto.create": "true"])
        try await task.put([
            ConnectorFixtures.sinkRecord(topic: "users", offset: 0, keySchema: Self.keySchema, key: Self.key(1), valueSchema: Self.userSchema, value: Self.user(1, "ann", nil)),
            ConnectorFixtures.sinkRecord(topic: "users", offset: 1, keySchema: Self.keySchema, key: Self.key(2), valueSchema: Self.userSchema, value: Self.user(2, "bob", "b@x")),
        ])
        try await task.put([
            ConnectorFixtures.sinkRecord(topic: "users", offset: 2, keySchema: Self.keySchema, key: Self.key(1), valueSchema: Self.userSchema, value: Self.user(1, "ann", "a@x")),
        ])
        task.stop()
        #expect(try Self.sqlite3(db, "SELECT id, name, coalesce(email, 'NULL') FROM users ORDER BY id") == "1|ann|a@x\n2|bob|b@x")
        #expect(try Self.sqlite3(db, "SELECT sql FROM sqlite_master WHERE name = 'users'") == "CREATE TABLE \"users\" (\n\"id\" INTEGER NOT NULL,\n\"name\" TEXT NOT NULL,\n\"email\" TEXT,\nPRIMARY KEY(\"id\"))")
    }

    @Test func insertModeWithoutKeysAppendsEveryRecord() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let (task, _) = try startTask(["sqlite.path": db, "auto.create": "true", "table.name.format": "kafka_${topic}"])
        let record = ConnectorFixtures.sinkRecord(topic: "users", offset: 0, valueSchema: Self.userSchema, value: Self.user(1, "ann", nil))
        try await task.put([record, record])
        #expect(try Self.sqlite3(db, "SELECT count(*) FROM kafka_users") == "2")
    }

    @Test func autoEvolveAddsNewOptionalFieldsAndIsRequiredToDoSo() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let wider = SchemaBuilder.struct().field("id", .int64).field("name", .string).field("email", .optionalString)
            .field("age", .optionalInt32).build()
        let widerValue = ConnectValue.structure(ConnectStruct(schema: wider, values: [.int64(3), .string("cy"), .null, .int32(40)]))
        let (strict, _) = try startTask(["sqlite.path": db, "auto.create": "true", "pk.mode": "record_value", "pk.fields": "id", "insert.mode": "upsert"])
        try await strict.put([ConnectorFixtures.sinkRecord(offset: 0, valueSchema: Self.userSchema, value: Self.user(1, "ann", nil))])
        await #expect(throws: ConnectError.connect("Couldn't write to SQLite database '\(db)': Table \"t\" is missing fields (age) and auto-evolution is disabled")) {
            try await strict.put([ConnectorFixtures.sinkRecord(offset: 1, valueSchema: wider, value: widerValue)])
        }
        let (evolving, _) = try startTask(["sqlite.path": db, "auto.evolve": "true", "pk.mode": "record_value", "pk.fields": "id", "insert.mode": "upsert"])
        try await evolving.put([ConnectorFixtures.sinkRecord(offset: 1, valueSchema: wider, value: widerValue)])
        #expect(try Self.sqlite3(db, "SELECT id, name, coalesce(age, 'NULL') FROM t ORDER BY id") == "1|ann|NULL\n3|cy|40")
    }

    @Test func aPutIsOneTransaction() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let (task, _) = try startTask(["sqlite.path": db, "auto.create": "true"])
        let other = SchemaBuilder.struct().field("id", .int64).field("extra", .string).build()
        await #expect(throws: ConnectError.self) {
            try await task.put([
                ConnectorFixtures.sinkRecord(offset: 0, valueSchema: Self.userSchema, value: Self.user(1, "ann", nil)),
                ConnectorFixtures.sinkRecord(offset: 1, valueSchema: other, value: .structure(ConnectStruct(schema: other, values: [.int64(2), .string("x")]))),
            ])
        }
        // The table created by the first row was rolled back with it.
        #expect(try Self.sqlite3(db, "SELECT count(*) FROM sqlite_master WHERE name = 't'") == "0")
    }

    @Test func tombstonesDeleteByKeyWhenEnabled() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let (task, _) = try startTask(["sqlite.path": db, "auto.create": "true", "pk.mode": "record_key", "insert.mode": "upsert", "delete.enabled": "true"])
        try await task.put([
            ConnectorFixtures.sinkRecord(offset: 0, keySchema: Self.keySchema, key: Self.key(1), valueSchema: Self.userSchema, value: Self.user(1, "ann", nil)),
            ConnectorFixtures.sinkRecord(offset: 1, keySchema: Self.keySchema, key: Self.key(2), valueSchema: Self.userSchema, value: Self.user(2, "bob", nil)),
            ConnectorFixtures.sinkRecord(offset: 2, keySchema: Self.keySchema, key: Self.key(1), valueSchema: nil, value: .null),
        ])
        #expect(try Self.sqlite3(db, "SELECT id FROM t") == "2")
        #expect(throws: ConnectError.config("Primary key mode must be 'record_key' when delete support is enabled")) {
            _ = try startTask(["sqlite.path": db, "delete.enabled": "true"])
        }
    }

    @Test func schemalessMapsWithAPrimitiveKeyAndHostileNames() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let (task, _) = try startTask(["sqlite.path": db, "auto.create": "true", "pk.mode": "record_key", "pk.fields": "the \"key\"", "insert.mode": "upsert"])
        let evil = "x'); DROP TABLE \"we\"\"ird\"; --"
        let value = ConnectValue.map([.init(key: .string("text col"), value: .string(evil)),
                                      .init(key: .string("n"), value: .int64(5)), .init(key: .string("ok"), value: .boolean(true)),
                                      .init(key: .string("f"), value: .float64(1.5))])
        try await task.put([ConnectorFixtures.sinkRecord(topic: "we\"ird", offset: 0, keySchema: .string, key: .string("k1"), valueSchema: nil, value: value)])
        #expect(try Self.sqlite3(db, "SELECT \"the \"\"key\"\"\", \"text col\", n, ok, f FROM \"we\"\"ird\"") == "k1|\(evil)|5|1|1.5")
    }

    @Test func aRecordThatCannotBeARowGoesToTheErrantReporter() async throws {
        let db = try ConnectorFixtures.scratchDirectory().appendingPathComponent("sink.db").path
        let (task, context) = try startTask(["sqlite.path": db, "auto.create": "true"], tolerate: true)
        let nested = SchemaBuilder.struct().field("id", .int64).field("address", SchemaBuilder.struct().field("city", .string).build()).build()
        let bad = ConnectStruct(schema: nested, values: [.int64(9), .structure(ConnectStruct(schema: nested.field("address")!.schema, values: [.string("x")]))])
        try await task.put([
            ConnectorFixtures.sinkRecord(offset: 0, valueSchema: nested, value: .structure(bad)),
            ConnectorFixtures.sinkRecord(offset: 1, valueSchema: Self.userSchema, value: Self.user(1, "ann", nil)),
            ConnectorFixtures.sinkRecord(offset: 2, valueSchema: nil, value: .null),
        ])
        #expect(try Self.sqlite3(db, "SELECT name FROM t") == "ann")
        #expect(context.reported.count == 2)
        #expect(context.reported.first?.hasPrefix("0: null (STRUCT) type of field 'address' doesn't have a mapping") == true)
        #expect(context.reported.last?.contains("has a null value; set delete.enabled=true") == true)
    }

    @Test func badSettingsAndDatabasesAreOneSentence() throws {
        let dir = try ConnectorFixtures.scratchDirectory()
        let corrupt = dir.appendingPathComponent("corrupt.db").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: corrupt))
        #expect(throws: ConnectError.connect("Couldn't open SQLite database '\(corrupt)': file is not a database")) {
            _ = try startTask(["sqlite.path": corrupt])
        }
        #expect(throws: ConnectError.connect("Couldn't open SQLite database '\(dir.path)/no/such/dir.db': unable to open database file")) {
            _ = try startTask(["sqlite.path": dir.path + "/no/such/dir.db"])
        }
        let connector = SqliteSinkConnector()
        #expect(throws: ConnectError.config("Missing required configuration \"connection.url\" which has no default value (jdbc:sqlite:PATH, or set sqlite.path).")) {
            try connector.start([:], context: ConnectorFixtureContext())
        }
        #expect(throws: ConnectError.config("Invalid value jdbc:postgresql://h/db for configuration connection.url: Samsa's SQLite connectors take jdbc:sqlite:PATH")) {
            try connector.start(["connection.url": "jdbc:postgresql://h/db"], context: ConnectorFixtureContext())
        }
        #expect(throws: ConnectError.config("Invalid value merge for configuration insert.mode: String must be one of: insert, upsert, update")) {
            try connector.start(["sqlite.path": "x.db", "insert.mode": "merge"], context: ConnectorFixtureContext())
        }
        #expect(PluginRegistry.builtin.connector("SqliteSink")?.type == .sink)
    }
}
