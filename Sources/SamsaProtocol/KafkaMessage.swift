import NIOCore

/// A request or response body, encoded per version. Fields absent at a version are skipped on write and
/// left at their defaults on read, as Kafka's generated code does.
public protocol KafkaMessage: Sendable, Equatable {
    init(from reader: inout KafkaReader, version: Int16) throws
    func write(to writer: inout KafkaWriter, version: Int16)
}

/// A request type Samsa implements: its API key, the versions it encodes, and from which version it is
/// flexible. `APIRegistry` and the ApiVersions answer are built from these.
public protocol KafkaRequest: KafkaMessage {
    associatedtype Response: KafkaMessage
    static var apiKey: APIKey { get }
    static var versions: ClosedRange<Int16> { get }
    /// First flexible version, or nil if no supported version is flexible.
    static var firstFlexibleVersion: Int16? { get }
}

extension KafkaRequest {
    public static func isFlexible(_ version: Int16) -> Bool {
        guard let first = firstFlexibleVersion else { return false }
        return version >= first
    }

    /// Encodes the body only (no header).
    public func encode(version: Int16) -> ByteBuffer {
        var writer = KafkaWriter(flexible: Self.isFlexible(version))
        write(to: &writer, version: version)
        return writer.flattened
    }

    public static func decode(_ buffer: ByteBuffer, version: Int16) throws -> Self {
        var reader = KafkaReader(buffer, flexible: isFlexible(version))
        return try Self(from: &reader, version: version)
    }

    public static func encodeResponse(_ response: Response, version: Int16) -> ByteBuffer {
        var writer = KafkaWriter(flexible: isFlexible(version))
        response.write(to: &writer, version: version)
        return writer.flattened
    }

    public static func decodeResponse(_ buffer: ByteBuffer, version: Int16) throws -> Response {
        var reader = KafkaReader(buffer, flexible: isFlexible(version))
        return try Response(from: &reader, version: version)
    }
}
