/// A malformed field inside a complete frame. Framing (`FrameDecoder`) is the only layer where "need more
/// bytes" is a normal answer; inside a frame every shortfall is an error the connection must answer or drop.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(field: String)
    case negativeLength(field: String, length: Int)
    case varintTooLong
    case unknownAPIKey(Int16)
    case unsupportedVersion(api: Int16, version: Int16)
    case frameTooLarge(size: Int, limit: Int)
    case invalidRecordBatch(String)
    case corruptRecordBatch(expectedCRC: UInt32, actualCRC: UInt32)
    case unsupportedCompression(Int)
    /// A field holding a value no version of the message allows.
    case invalidField(String, String)
    /// A stored record (e.g. in `__consumer_offsets`) written at a schema version this broker cannot read.
    case unknownRecordVersion(schema: String, version: Int16)

    public var description: String {
        switch self {
        case .truncated(let field): return "the request ended in the middle of \(field)"
        case .negativeLength(let field, let length): return "\(field) has an invalid length \(length)"
        case .varintTooLong: return "a variable-length integer is longer than allowed"
        case .unknownAPIKey(let key): return "API key \(key) is not a Kafka API this broker knows"
        case .unsupportedVersion(let api, let version): return "API key \(api) version \(version) is not supported"
        case .frameTooLarge(let size, let limit): return "a frame of \(size) bytes is larger than the limit of \(limit) bytes"
        case .invalidRecordBatch(let why): return "invalid record batch: \(why)"
        case .corruptRecordBatch(let expected, let actual):
            return "record batch CRC mismatch (stored \(expected), computed \(actual))"
        case .unsupportedCompression(let codec): return "compression codec \(codec) is not supported"
        case .invalidField(let field, let value): return "\(field) has an invalid value \(value)"
        case .unknownRecordVersion(let schema, let version): return "\(schema) version \(version) is not one this broker can read"
        }
    }
}
