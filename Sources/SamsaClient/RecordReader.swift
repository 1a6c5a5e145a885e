import NIOCore
import SamsaProtocol

/// Reads a partition's records over the wire as a browser does: no group, no commits, no position kept.
/// Each call asks the partition's leader (ListOffsets for bounds and timestamps, Fetch for records at
/// read_uncommitted so that records of aborted transactions can be shown and marked); a leader change or
/// a dropped connection is retried after refreshing metadata.
///
/// Thread-safety: every method may be called concurrently; it keeps no state besides the shared client.
public struct RecordReader: Sendable {
    public let client: KafkaClient
    /// Upper bound on one fetch's bytes per partition (a first batch larger than this still comes whole).
    public var fetchBytes: Int32

    public init(client: KafkaClient, fetchBytes: Int32 = 256 * 1024) {
        self.client = client
        self.fetchBytes = fetchBytes
    }

    /// The partition's log start offset and high watermark.
    public func bounds(topic: String, partition: Int32) async throws -> Bounds {
        let admin = Admin(client: client)
        let start = try await admin.listOffset(topic: topic, partition: partition, spec: -2).offset
        let end = try await admin.listOffset(topic: topic, partition: partition, spec: -1).offset
        return Bounds(logStartOffset: start, endOffset: max(start, end))
    }

    /// The first offset whose timestamp is at or after `timestamp` (ms since the epoch), or nil when every
    /// record is older (as ListOffsets answers: -1).
    public func offset(topic: String, partition: Int32, atOrAfter timestamp: Int64) async throws -> Int64? {
        let found = try await Admin(client: client).listOffset(topic: topic, partition: partition, spec: max(0, timestamp)).offset
        guard found >= 0 else { return nil }
        // A broker may answer with the start of the batch holding the record: step to the record itself.
        let page = try await read(topic: topic, partition: partition, from: found, maxRecords: 4096, maxBytes: 1 << 20)
        return page.records.first { $0.timestamp >= timestamp }?.offset ?? found
    }

    /// Up to `maxRecords` records from `offset` on (and below `until` when given), stopping early once
    /// `maxBytes` of records are read or the high watermark is reached. An offset below the log start reads
    /// from the log start (those records are gone).
    public func read(topic: String, partition: Int32, from offset: Int64, maxRecords: Int, maxBytes: Int = 4 << 20,
                     until: Int64? = nil) async throws -> Page {
        var records: [Record] = []
        var position = offset
        var bytes = 0
        var bounds = Bounds(logStartOffset: 0, endOffset: offset)
        // A page of small records fits a small fetch: start small and double while more is wanted, so a
        // browser's page does not decode a quarter megabyte it throws away.
        var size = min(fetchBytes, 32 * 1024)
        // Each round reads at least one batch; gaps (compaction, transaction markers) need a few more.
        for _ in 0..<256 {
            if let until, position >= until { break }
            let round = try await fetchRetrying(topic: topic, partition: partition, offset: position, bytes: size,
                                                limit: maxRecords - records.count)
            size = min(fetchBytes, size * 2)
            bounds = round.bounds
            if position < bounds.logStartOffset {
                position = bounds.logStartOffset
                continue
            }
            for record in round.records where record.offset >= position {
                if let until, record.offset >= until { break }
                records.append(record)
                bytes += record.sizeInBytes
                if records.count >= maxRecords || bytes >= maxBytes { break }
            }
            let done = records.count >= maxRecords || bytes >= maxBytes
            if done, let last = records.last {
                position = last.offset + 1
                break
            }
            guard round.next > position else { break }
            position = round.next
            if position >= bounds.endOffset { break }
        }
        if let until { position = min(position, max(until, offset)) }
        return Page(records: records, nextOffset: max(position, offset), bounds: bounds)
    }

    private func fetchRetrying(topic: String, partition: Int32, offset: Int64, bytes: Int32, limit: Int) async throws -> FetchRound {
        var lastError: Error = ClientError.noBrokers
        for attempt in 0..<20 {
            do {
                return try await fetchOnce(topic: topic, partition: partition, offset: offset, bytes: bytes, limit: limit)
            } catch let error as ClientError where error.code?.isRetriable == true || error.code == nil && Self.isTransient(error) {
                lastError = error
                try await Task.sleep(for: .milliseconds(attempt == 0 ? 20 : 150))
                _ = try? await client.refreshMetadata(topics: [topic])
            }
        }
        throw lastError
    }

    private static func isTransient(_ error: ClientError) -> Bool {
        switch error {
        case .connectionFailed, .connectionClosed, .timedOut, .noBrokers: true
        default: false
        }
    }

    struct FetchRound {
        var records: [Record]
        var next: Int64
        var bounds: Bounds
    }

    /// One fetch at read_uncommitted; when it holds transactional records, one more at read_committed for
    /// the leader's list of aborted transactions over the same range (brokers send it only then).
    private func fetchOnce(topic: String, partition: Int32, offset: Int64, bytes: Int32, limit: Int) async throws -> FetchRound {
        let data = try await fetchData(topic: topic, partition: partition, offset: offset, bytes: bytes, isolation: .readUncommitted)
        let bounds = Bounds(logStartOffset: max(0, data.logStartOffset), endOffset: data.highWatermark)
        if data.errorCode == .offsetOutOfRange {
            let fresh = try await self.bounds(topic: topic, partition: partition)
            // Below the start: read from the start. At or past the end: nothing to read.
            return FetchRound(records: [], next: offset < fresh.logStartOffset ? offset : max(offset, fresh.endOffset), bounds: fresh)
        }
        guard data.errorCode == .none else {
            throw ClientError.broker(data.errorCode, "Reading \(topic)-\(partition) at offset \(offset) failed.")
        }
        let batches: [RecordBatch]
        do {
            batches = try data.records.map { try RecordBatch.decodeAll($0, verifyCRC: true) } ?? []
        } catch ProtocolError.unsupportedCompression(let codec) {
            throw ClientError.unsupportedAPI("records compressed with codec \(codec) in \(topic)-\(partition); samsa reads uncompressed batches only")
        }
        var aborted: [FetchResponse.AbortedTransaction] = []
        if batches.contains(where: { $0.header.isTransactional && !$0.header.isControl }) {
            let committed = try await fetchData(topic: topic, partition: partition, offset: offset, bytes: bytes, isolation: .readCommitted)
            aborted = committed.abortedTransactions ?? []
        }
        let decoded = RecordReader.records(of: batches, topic: topic, partition: partition, aborted: aborted, from: offset, limit: limit)
        return FetchRound(records: decoded, next: batches.last.map { max(offset, $0.header.nextOffset) } ?? offset, bounds: bounds)
    }

    private func fetchData(topic: String, partition: Int32, offset: Int64, bytes: Int32,
                           isolation: IsolationLevel) async throws -> FetchResponse.PartitionData {
        let (leader, connection) = try await client.leaderConnection(topic: topic, partition: partition)
        let version = try connection.version(for: FetchRequest.self)
        let useIds = version >= 13
        var id = client.cluster.topics[topic]?.id ?? .zero
        if useIds && id == .zero { id = try await client.topic(topic).id }
        let request = FetchRequest(
            maxWaitMs: 0, minBytes: 0, maxBytes: bytes, isolationLevel: isolation.rawValue,
            topics: [FetchRequest.Topic(topic: useIds ? "" : topic, topicId: useIds ? id : .zero, partitions: [
                .init(partition: partition, fetchOffset: offset, partitionMaxBytes: bytes)])])
        let response: FetchResponse
        do {
            response = try await connection.send(request, version: version)
        } catch {
            client.disconnect(leader)
            throw error
        }
        guard let data = response.responses.first?.partitions.first(where: { $0.partitionIndex == partition }) else {
            if response.errorCode != .none { throw ClientError.broker(response.errorCode, "Reading \(topic)-\(partition) failed.") }
            throw ClientError.broker(.unknownServerError, "The leader of \(topic)-\(partition) answered without the partition.")
        }
        return data
    }
}
