import SamsaProtocol

/// How Kafka's Java tools print an error code: its exception class and Kafka's message for it
/// (`org.apache.kafka.common.errors.OffsetOutOfRangeException: The requested offset is …`).
public enum KafkaExceptionName {
    private static let special: [Int16: (String, String)] = [
        ErrorCode.offsetOutOfRange.rawValue: ("OffsetOutOfRangeException", "The requested offset is not within the range of offsets maintained by the server."),
        ErrorCode.unknownTopicOrPartition.rawValue: ("UnknownTopicOrPartitionException", "This server does not host this topic-partition."),
        ErrorCode.leaderNotAvailable.rawValue: ("LeaderNotAvailableException", "There is no leader for this topic-partition as we are in the middle of a leadership election."),
        ErrorCode.notLeaderOrFollower.rawValue: ("NotLeaderOrFollowerException", "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition."),
        ErrorCode.requestTimedOut.rawValue: ("TimeoutException", "The request timed out."),
        ErrorCode.invalidTopicException.rawValue: ("InvalidTopicException", "The request attempted to perform an operation on an invalid topic."),
        ErrorCode.policyViolation.rawValue: ("PolicyViolationException", "Request parameters do not satisfy the configured policy."),
        ErrorCode.kafkaStorageError.rawValue: ("KafkaStorageException", "Disk error when trying to access log file on the disk."),
        ErrorCode.groupIdNotFound.rawValue: ("GroupIdNotFoundException", "The group id does not exist."),
        ErrorCode.nonEmptyGroup.rawValue: ("GroupNotEmptyException", "The group is not empty."),
        ErrorCode.invalidGroupId.rawValue: ("InvalidGroupIdException", "The configured groupId is invalid."),
        ErrorCode.groupSubscribedToTopic.rawValue: ("GroupSubscribedToTopicException", "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it."),
        ErrorCode.coordinatorNotAvailable.rawValue: ("CoordinatorNotAvailableException", "The coordinator is not available."),
        ErrorCode.notCoordinator.rawValue: ("NotCoordinatorException", "This is not the correct coordinator."),
    ]

    /// `org.apache.kafka.common.errors.<Name>Exception: <message>`.
    public static func describe(_ code: ErrorCode) -> String {
        if let known = special[code.rawValue] { return "org.apache.kafka.common.errors.\(known.0): \(known.1)" }
        let camel = code.name.split(separator: "_").map { String($0.prefix(1)) + $0.dropFirst().lowercased() }.joined()
        return "org.apache.kafka.common.errors.\(camel)Exception: The broker answered \(code.name)."
    }
}
