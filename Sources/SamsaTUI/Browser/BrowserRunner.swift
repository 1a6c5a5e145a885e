import Synchronization

/// Runs the record browser's reads off the UI thread, each in a task of its own, and keeps their replies
/// until the event loop drains them.
final class BrowserRunner: Sendable {
    private let reader: any BrowserReading
    private let replies: Mutex<[(BrowserRequest, BrowserReply)]> = Mutex([])

    init(reader: any BrowserReading) {
        self.reader = reader
    }

    func run(_ request: BrowserRequest) {
        let reader = self.reader
        Task.detached {
            let reply = await request.perform(on: reader)
            self.replies.withLock { $0.append((request, reply)) }
        }
    }

    func drain() -> [(BrowserRequest, BrowserReply)] {
        replies.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}

/// A workbench source read through as the browser's reader.
struct SourceBrowserReader: BrowserReading {
    let source: any WorkbenchSource

    func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds {
        try await source.browseBounds(topic: topic, partition: partition)
    }
    func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
        try await source.browseOffset(topic: topic, partition: partition, atOrAfter: timestamp)
    }
    func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage {
        try await source.browseRead(topic: topic, partition: partition, from: offset, maxRecords: maxRecords, until: until)
    }
}
