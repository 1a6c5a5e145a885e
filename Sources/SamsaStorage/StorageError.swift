/// A storage failure, described in one sentence.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    case offsetOutOfRange(requested: Int64, logStart: Int64, logEnd: Int64)
    case recordTooLarge(size: Int, limit: Int)
    case invalidBatch(String)
    case nonMonotonicOffset(expected: Int64, got: Int64)
    case io(String)
    case closed(String)

    public var description: String {
        switch self {
        case .offsetOutOfRange(let requested, let start, let end):
            return "Offset \(requested) is outside the log (\(start) to \(end))."
        case .recordTooLarge(let size, let limit):
            return "A record batch of \(size) bytes is larger than the limit of \(limit) bytes."
        case .invalidBatch(let why):
            return "Invalid record batch: \(why)."
        case .nonMonotonicOffset(let expected, let got):
            return "A replicated batch starts at offset \(got) but the log ends at \(expected)."
        case .io(let what):
            return what
        case .closed(let path):
            return "The log at \(path) is closed."
        }
    }
}
