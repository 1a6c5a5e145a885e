/// Why a text is not JSON, with the byte offset (0-based) where reading stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public let offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// One sentence, e.g. `Malformed JSON at byte 7: expected ':' after an object key.`
    public var description: String { "Malformed JSON at byte \(offset): \(reason)." }
}
