import Testing
@testable import SamsaStreams

@Suite struct StoreSessionTests {
    private func session(_ e: SessionEntry) -> String {
        "\(String(decoding: e.key, as: UTF8.self))[\(e.start),\(e.end)]=\(String(decoding: e.value, as: UTF8.self))"
    }

    @Test(arguments: StoreBackend.allCases)
    func findSessionsMatchesEndAtLeastAndStartAtMost(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.session(backend, dir, retention: 1000)
        defer { store.close() }
        try store.put(b("k"), start: 20, end: 30, b("b"))
        try store.put(b("k"), start: 0, end: 10, b("a"))
        try store.put(b("k"), start: 100, end: 120, b("c"))
        try store.put(b("k2"), start: 5, end: 15, b("z"))
        #expect(try store.findSessions(b("k"), earliestSessionEnd: 10, latestSessionStart: 20).map(session)
                == ["k[0,10]=a", "k[20,30]=b"])
        #expect(try store.findSessions(b("k"), earliestSessionEnd: 11, latestSessionStart: 100).map(session)
                == ["k[20,30]=b", "k[100,120]=c"])
        #expect(try store.findSessions(b("k"), earliestSessionEnd: 31, latestSessionStart: 99) == [])
        #expect(try store.fetch(b("k")).map(session) == ["k[0,10]=a", "k[20,30]=b", "k[100,120]=c"])
        #expect(try store.fetchSession(b("k"), start: 20, end: 30) == b("b"))
        #expect(try store.all().map(session) == ["k[0,10]=a", "k[20,30]=b", "k[100,120]=c", "k2[5,15]=z"])
    }

    @Test(arguments: StoreBackend.allCases)
    func nilRemovesASessionAndPutReplacesIt(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.session(backend, dir)
        defer { store.close() }
        try store.put(b("k"), start: 0, end: 10, b("a"))
        try store.put(b("k"), start: 0, end: 10, b("a2"))
        try store.put(b("k"), start: 0, end: 20, b("merged"))
        try store.put(b("k"), start: 0, end: 10, nil)
        #expect(try store.fetch(b("k")).map(session) == ["k[0,20]=merged"])
        #expect(try store.storedRowCount() == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func sessionsExpireByEndTime(_ backend: StoreBackend) throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try StoreFactory.session(backend, dir, retention: 100)
        defer { store.close() }
        try store.put(b("k"), start: 0, end: 10, b("a"))
        try store.put(b("k"), start: 5, end: 90, b("long"))
        try store.put(b("j"), start: 105, end: 110, b("j"))  // observed 110: ends <= 10 expire
        #expect(store.observedStreamTime == 110)
        #expect(try store.fetch(b("k")).map(session) == ["k[5,90]=long"])
        #expect(try store.fetchSession(b("k"), start: 0, end: 10) == nil)
        #expect(try store.storedRowCount() == 2)
        try store.put(b("k"), start: 8, end: 10, b("late"))  // end at the threshold: dropped
        #expect(try store.findSessions(b("k"), earliestSessionEnd: 0, latestSessionStart: 100).map(session)
                == ["k[5,90]=long"])
        try store.put(b("j"), start: 190, end: 190, b("j2"))  // threshold 90
        #expect(try store.all().map(session) == ["j[105,110]=j", "j[190,190]=j2"])
    }
}

@Suite struct StoreSessionPersistenceTests {
    @Test func rocksDBSessionStoreKeepsSessionsAndStreamTimeAcrossReopen() throws {
        let dir = TempDir(); defer { dir.cleanup() }
        let store = try RocksDBSessionStore(name: "s", directory: dir.path, retentionMs: 50)
        try store.put(b("u"), start: 100, end: 180, b("agg"))
        store.close()
        let reopened = try RocksDBSessionStore(name: "s", directory: dir.path, retentionMs: 50)
        defer { reopened.close() }
        #expect(reopened.observedStreamTime == 180)
        #expect(try reopened.fetch(b("u")) == [SessionEntry(key: b("u"), start: 100, end: 180, value: b("agg"))])
        try reopened.put(b("u"), start: 120, end: 130, b("late"))  // 130 <= 180 - 50: dropped
        #expect(try reopened.fetch(b("u")).count == 1)
    }
}
