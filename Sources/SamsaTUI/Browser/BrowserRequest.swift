/// A read the browser model asks for; the workbench runs it off the UI thread and hands back a
/// ``BrowserReply``. `generation` ties it to one seek: replies to an older seek are dropped.
struct BrowserRequest: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// The partition's bounds and the offset the seek lands on.
        case locate(BrowserSeek)
        /// Up to `count` records from `from` on.
        case forward(from: Int64)
        /// The records in `from..<until` (`until - from` is at most `count`).
        case backward(from: Int64, until: Int64)
    }

    let generation: Int
    let topic: String
    let partition: Int32
    let kind: Kind
    let count: Int
}

enum BrowserReply: Sendable, Equatable {
    case located(offset: Int64, bounds: BrowseBounds)
    case page(BrowsePage)
    case failed(String)
}

/// Where a partition's log begins (log start offset) and ends (high watermark).
public struct BrowseBounds: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = max(start, end)
    }
}

/// Records read from one partition, the offset to read next, and the partition's bounds at that moment.
public struct BrowsePage: Sendable, Equatable {
    public var records: [BrowsedRecord]
    public var nextOffset: Int64
    public var bounds: BrowseBounds
    public init(records: [BrowsedRecord], nextOffset: Int64, bounds: BrowseBounds) {
        self.records = records
        self.nextOffset = nextOffset
        self.bounds = bounds
    }
}

/// What the browser reads through: the workbench source in the app, a fake in tests.
protocol BrowserReading: Sendable {
    func browseBounds(topic: String, partition: Int32) async throws -> BrowseBounds
    func browseOffset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64?
    func browseRead(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, until: Int64?) async throws -> BrowsePage
}

extension BrowserRequest {
    /// Runs the read; never throws: a failure becomes a reply with one sentence.
    func perform(on reader: any BrowserReading) async -> BrowserReply {
        do {
            switch kind {
            case .locate(let seek):
                let bounds = try await reader.browseBounds(topic: topic, partition: partition)
                let offset: Int64 = switch seek {
                case .earliest: bounds.start
                case .latest: bounds.end
                case .offset(let offset): min(max(offset, bounds.start), bounds.end)
                case .timestamp(let millis):
                    try await reader.browseOffset(topic: topic, partition: partition, atOrAfter: millis) ?? bounds.end
                }
                return .located(offset: offset, bounds: bounds)
            case .forward(let from):
                return .page(try await reader.browseRead(topic: topic, partition: partition, from: from, maxRecords: count, until: nil))
            case .backward(let from, let until):
                return .page(try await reader.browseRead(topic: topic, partition: partition, from: from, maxRecords: count, until: until))
            }
        } catch {
            return .failed(ActionOutcome.sentence(for: error))
        }
    }
}
