import SamsaStorage

/// A partition's segment files on one broker, as the segments view (`v`) lists them.
public struct SegmentListing: Sendable, Equatable {
    public var topic: String
    public var partition: Int32
    /// The broker whose files these are (the partition's leader).
    public var broker: Int32
    /// The partition directory (`<data dir>/<topic>-<partition>`).
    public var directory: String
    /// Oldest first.
    public var segments: [SegmentLogSummary]

    public init(topic: String, partition: Int32, broker: Int32, directory: String, segments: [SegmentLogSummary]) {
        self.topic = topic
        self.partition = partition
        self.broker = broker
        self.directory = directory
        self.segments = segments
    }
}

/// One segment's batches and records as `samsa dump-log --deep-iteration` prints them.
public struct SegmentBatches: Sendable, Equatable {
    public var fileName: String
    public var baseOffset: Int64
    /// With keys and payloads (`--print-data-log`).
    public var printData: Bool
    public var lines: [String]

    public init(fileName: String, baseOffset: Int64, printData: Bool, lines: [String]) {
        self.fileName = fileName
        self.baseOffset = baseOffset
        self.printData = printData
        self.lines = lines
    }
}

extension SegmentListing {
    /// `00000000000000000042.log` for base offset 42.
    public static func logFileName(_ baseOffset: Int64) -> String { PartitionDirectory.segmentName(baseOffset) + ".log" }
}
