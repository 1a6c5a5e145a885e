import SamsaProtocol

/// A refusal the engine reports to a client: Kafka's error code plus one readable sentence.
public struct EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
