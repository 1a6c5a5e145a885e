/// A Kafka API key (the first field of every request header).
public struct APIKey: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }
    public init(_ rawValue: Int16) { self.rawValue = rawValue }

    public static let produce = APIKey(0)
    public static let fetch = APIKey(1)
    public static let listOffsets = APIKey(2)
    public static let metadata = APIKey(3)
    public static let offsetCommit = APIKey(8)
    public static let offsetFetch = APIKey(9)
    public static let findCoordinator = APIKey(10)
    public static let joinGroup = APIKey(11)
    public static let heartbeat = APIKey(12)
    public static let leaveGroup = APIKey(13)
    public static let syncGroup = APIKey(14)
    public static let describeGroups = APIKey(15)
    public static let listGroups = APIKey(16)
    public static let saslHandshake = APIKey(17)
    public static let apiVersions = APIKey(18)
    public static let createTopics = APIKey(19)
    public static let deleteTopics = APIKey(20)
    public static let deleteRecords = APIKey(21)
    public static let initProducerId = APIKey(22)
    public static let offsetForLeaderEpoch = APIKey(23)
    public static let addPartitionsToTxn = APIKey(24)
    public static let addOffsetsToTxn = APIKey(25)
    public static let endTxn = APIKey(26)
    public static let writeTxnMarkers = APIKey(27)
    public static let txnOffsetCommit = APIKey(28)
    public static let describeAcls = APIKey(29)
    public static let createAcls = APIKey(30)
    public static let deleteAcls = APIKey(31)
    public static let describeConfigs = APIKey(32)
    public static let alterConfigs = APIKey(33)
    public static let describeLogDirs = APIKey(35)
    public static let saslAuthenticate = APIKey(36)
    public static let createPartitions = APIKey(37)
    public static let deleteGroups = APIKey(42)
    public static let electLeaders = APIKey(43)
    public static let incrementalAlterConfigs = APIKey(44)
    public static let offsetDelete = APIKey(47)
    public static let describeUserScramCredentials = APIKey(50)
    public static let alterUserScramCredentials = APIKey(51)
    public static let describeCluster = APIKey(60)
    public static let describeProducers = APIKey(61)
    public static let describeTransactions = APIKey(65)
    public static let listTransactions = APIKey(66)
    /// Samsa's own extension (not a Kafka API): broker status and fault injection for `samsa cluster`.
    /// Kafka clients ignore API keys they do not know in the ApiVersions answer.
    public static let samsaCluster = APIKey(10000)

    public var description: String { "\(Self.names[rawValue] ?? "ApiKey\(rawValue)")(\(rawValue))" }
    public var name: String { Self.names[rawValue] ?? "ApiKey\(rawValue)" }

    private static let names: [Int16: String] = [
        0: "Produce", 1: "Fetch", 2: "ListOffsets", 3: "Metadata", 8: "OffsetCommit", 9: "OffsetFetch",
        10: "FindCoordinator", 11: "JoinGroup", 12: "Heartbeat", 13: "LeaveGroup", 14: "SyncGroup",
        15: "DescribeGroups", 16: "ListGroups", 17: "SaslHandshake", 18: "ApiVersions", 19: "CreateTopics",
        20: "DeleteTopics", 21: "DeleteRecords", 22: "InitProducerId", 23: "OffsetForLeaderEpoch",
        24: "AddPartitionsToTxn", 25: "AddOffsetsToTxn", 26: "EndTxn", 27: "WriteTxnMarkers", 28: "TxnOffsetCommit",
        29: "DescribeAcls", 30: "CreateAcls", 31: "DeleteAcls", 32: "DescribeConfigs", 33: "AlterConfigs",
        35: "DescribeLogDirs", 36: "SaslAuthenticate", 37: "CreatePartitions", 42: "DeleteGroups",
        43: "ElectLeaders", 44: "IncrementalAlterConfigs", 47: "OffsetDelete",
        50: "DescribeUserScramCredentials", 51: "AlterUserScramCredentials", 60: "DescribeCluster",
        61: "DescribeProducers", 65: "DescribeTransactions", 66: "ListTransactions",
        10000: "SamsaCluster",
    ]
}
