import SamsaProtocol

extension RecordReader {
    /// One record as read from the log: bytes as stored, with its place in a transaction.
    public struct Record: Sendable, Equatable {
        public var topic: String
        public var partition: Int32
        public var offset: Int64
        /// Milliseconds since the epoch.
        public var timestamp: Int64
        public var isLogAppendTime: Bool
        public var key: [UInt8]?
        public var value: [UInt8]?
        public var headers: [(key: String, value: [UInt8]?)]
        /// The record's encoded size within its batch, length prefix included (as Kafka counts it).
        public var sizeInBytes: Int
        public var isTransactional: Bool
        /// Its transaction was aborted: read_committed consumers never see it.
        public var isAborted: Bool
        public var producerId: Int64

        public static func == (lhs: Record, rhs: Record) -> Bool {
            lhs.topic == rhs.topic && lhs.partition == rhs.partition && lhs.offset == rhs.offset && lhs.timestamp == rhs.timestamp
                && lhs.isLogAppendTime == rhs.isLogAppendTime && lhs.key == rhs.key && lhs.value == rhs.value
                && lhs.headers.map(\.key) == rhs.headers.map(\.key) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
                && lhs.sizeInBytes == rhs.sizeInBytes && lhs.isTransactional == rhs.isTransactional
                && lhs.isAborted == rhs.isAborted && lhs.producerId == rhs.producerId
        }
    }

    /// Where a partition's log begins and ends.
    public struct Bounds: Sendable, Equatable {
        /// The first offset still in the log (`kafka-delete-records` and retention move it).
        public var logStartOffset: Int64
        /// The high watermark: one past the last record consumers may read.
        public var endOffset: Int64

        public init(logStartOffset: Int64, endOffset: Int64) {
            self.logStartOffset = logStartOffset
            self.endOffset = endOffset
        }
    }

    /// Records read from one partition and where the next read starts.
    public struct Page: Sendable, Equatable {
        public var records: [Record]
        /// The offset after the last batch read (past control records and gaps): where to read next.
        public var nextOffset: Int64
        /// The partition's bounds as the leader reported them with this read.
        public var bounds: Bounds

        public init(records: [Record], nextOffset: Int64, bounds: Bounds) {
            self.records = records
            self.nextOffset = nextOffset
            self.bounds = bounds
        }
    }
}
