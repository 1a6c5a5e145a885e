import Foundation

/// Attach mode, while the cluster does not answer: the snapshot keeps the last view read, and says since
/// when nothing new could be read and why.
public struct NotAnswering: Sendable, Equatable {
    /// The last read that succeeded, nil if none has yet.
    public let lastGoodRead: Date?
    /// The first read that failed since then.
    public let failingSince: Date
    /// The last failure, in one sentence.
    public let reason: String

    public init(lastGoodRead: Date?, failingSince: Date, reason: String) {
        self.lastGoodRead = lastGoodRead
        self.failingSince = failingSince
        self.reason = reason
    }

    /// What the header shows: the last moment the cluster answered (or the first failure, if it never did).
    public var since: Date { lastGoodRead ?? failingSince }
}
