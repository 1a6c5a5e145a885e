import Testing
@testable import SamsaConnect

@Suite struct GeneratorSourceTests {
    private func task(_ quickstart: String, seed: Int64? = 42, taskId: Int = 0, iterations: Int = -1, maxInterval: Int = 0,
                      stored: [SourceMap: SourceMap] = [:]) throws -> GeneratorSourceTask {
        var props = ["kafka.topic": "users", "quickstart": quickstart, "max.interval": String(maxInterval),
                     "iterations": String(iterations), "task.id": String(taskId)]
        if let seed { props["random.seed"] = String(seed) }
        let task = GeneratorSourceTask()
        try task.start(props, context: ConnectorFixtureSourceContext(stored: stored))
        return task
    }

    @Test func theSameSeedGivesTheSameRecordsAndTasksDiffer() async throws {
        let a = try await task("users").poll() ?? []
        let b = try await task("users").poll() ?? []
        let otherTask = try await task("users", taskId: 1).poll() ?? []
        let otherSeed = try await task("users", seed: 7).poll() ?? []
        #expect(a.count == GeneratorSourceTask.unthrottledBatch)
        #expect(a.map(\.value) == b.map(\.value))
        #expect(a.map(\.value) != otherTask.map(\.value))
        #expect(a.map(\.value) != otherSeed.map(\.value))
    }

    @Test func usersHaveDatagensFieldsRangesAndKey() async throws {
        let records = try await task("users").poll() ?? []
        for record in records {
            let user = try #require(record.value.structValue)
            #expect(user.schema.name == "ksql.users")
            #expect(user.schema.fields.map(\.name) == ["registertime", "userid", "regionid", "gender"])
            let time = try #require(user["registertime"]?.integerValue)
            #expect(GeneratorQuickstart.timeRange.contains(time))
            let userid = try #require(user["userid"]?.stringValue)
            #expect(userid.wholeMatch(of: /User_[1-9]?/) != nil)
            #expect(user["regionid"]?.stringValue?.wholeMatch(of: /Region_[1-9]?/) != nil)
            #expect(["MALE", "FEMALE", "OTHER"].contains(user["gender"]?.stringValue ?? ""))
            #expect(record.key == .string(userid) && record.keySchema == .string)
            #expect(record.topic == "users" && record.sourcePartition == ["task.id": .int64(0)])
        }
        #expect(Set(records.compactMap { $0.value.structValue?["gender"] }).count == 3)
    }

    @Test func ordersNestAnAddressAndCountOrderIds() async throws {
        let records = try await task("orders").poll() ?? []
        let first = try #require(records.first?.value.structValue)
        #expect(first.schema.fields.map(\.name) == ["ordertime", "orderid", "itemid", "orderunits", "address"])
        #expect(records.prefix(3).map { $0.value.structValue?["orderid"] } == [.int32(0), .int32(1), .int32(2)])
        #expect(records.prefix(3).map(\.key) == [.string("0"), .string("1"), .string("2")])
        let address = try #require(first["address"]?.structValue)
        #expect(address.schema.name == "ksql.address")
        #expect((10_000..<99_999).contains(address["zipcode"]?.integerValue ?? 0))
        if case .float64(let units) = first["orderunits"] { #expect(units >= 0.1 && units < 10) } else { Issue.record("orderunits") }
        #expect(first["itemid"]?.stringValue?.wholeMatch(of: /Item_[1-9][0-9]{0,2}/) != nil)
    }

    @Test func aRestartFromTheStoredOffsetContinuesTheCountAndTheSequence() async throws {
        let uninterrupted = try await task("pageviews").poll() ?? []
        let tenth = uninterrupted[9]
        let offset = try #require(tenth.sourceOffset)
        #expect(offset["current.iteration"] == .int64(10) && offset["task.generation"] == .int64(1))
        #expect(tenth.headers.map(\.key) == ["task.generation", "task.id", "current.iteration"])
        #expect(tenth.headers.last?.value == .int64(9))

        let resumed = try task("pageviews", stored: [["task.id": .int64(0)]: offset])
        let next = try await resumed.poll() ?? []
        // viewtime is Datagen's iteration field: 1 + 10·n.
        #expect(next.first?.value.structValue?["viewtime"] == .int64(101))
        #expect(next.first?.key == .string("101"))
        #expect(next.prefix(5).map(\.value) == uninterrupted[10..<15].map(\.value))
        #expect(next.first?.sourceOffset?["task.generation"] == .int64(2))
    }

    @Test func iterationsStopTheFlowAndMaxIntervalGivesOneRecordAPoll() async throws {
        let limited = try task("stock_trades", iterations: 3, maxInterval: 1)
        var got: [ConnectRecord] = []
        for _ in 0..<200 where got.count < 3 { got += try await limited.poll() ?? [] }
        #expect(got.count == 3)
        #expect(try await limited.poll() == nil)
        #expect(got.allSatisfy { ["ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT"].contains($0.key.stringValue ?? "") })
        let unthrottled = try task("stock_trades", iterations: 700)
        #expect(try await unthrottled.poll()?.count == 500)
        #expect(try await unthrottled.poll()?.count == 200)
    }

    @Test func badSettingsAreOneSentence() throws {
        let connector = GeneratorSourceConnector()
        #expect(throws: ConnectError.config("Invalid value clicks for configuration quickstart: String must be one of: users, pageviews, orders, stock_trades")) {
            try connector.start(["kafka.topic": "t", "quickstart": "clicks"], context: ConnectorFixtureContext())
        }
        #expect(throws: ConnectError.config("Missing required configuration \"kafka.topic\" which has no default value.")) {
            try connector.start(["quickstart": "users"], context: ConnectorFixtureContext())
        }
        try connector.start(["kafka.topic": "t", "quickstart": "USERS"], context: ConnectorFixtureContext())
        #expect(try connector.taskConfigs(maxTasks: 2).map { $0["task.id"] } == ["0", "1"])
        #expect(PluginRegistry.builtin.connector("DatagenConnector")?.type == .source)
        #expect(PluginRegistry.builtin.connector("GeneratorSource")?.className == GeneratorSourceConnector.className)
    }
}
