import NIOCore

/// How console-consumer turns a key's, value's or header's bytes into text: Kafka's deserializers, named short
/// (`long`) or by their Kafka class name (`org.apache.kafka.common.serialization.LongDeserializer`), so a line
/// copied from Kafka's documentation works unchanged. Fixed-size types read big-endian, as Kafka writes them.
public enum RecordDeserializer: String, Sendable, CaseIterable {
    /// UTF-8 text (Kafka's StringDeserializer; also what ByteArrayDeserializer's raw bytes print as).
    case string
    case long, int, short, double, float
    /// Kafka's BytesDeserializer: printable ASCII as is, every other byte (and `\`) as `\xNN`.
    case bytes
    /// Every byte as two lowercase hex digits (not a Kafka class; handy for binary keys).
    case hex

    /// Kafka's class names and what each maps to.
    static let kafkaClasses: [String: RecordDeserializer] = [
        "StringDeserializer": .string, "ByteArrayDeserializer": .string, "LongDeserializer": .long,
        "IntegerDeserializer": .int, "ShortDeserializer": .short, "DoubleDeserializer": .double,
        "FloatDeserializer": .float, "BytesDeserializer": .bytes,
    ]

    /// A short name (`long`, `integer` too) or a Kafka class name, with or without its package.
    public init(name: String) throws {
        let simple = name.split(separator: ".").last.map(String.init) ?? name
        if let short = RecordDeserializer(rawValue: name.lowercased()) {
            self = short
        } else if name.lowercased() == "integer" {
            self = .int
        } else if let kafka = Self.kafkaClasses[simple], name == simple || name == "org.apache.kafka.common.serialization.\(simple)" {
            self = kafka
        } else {
            let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw ClientError.invalidArgument("Unknown deserializer \"\(name)\"; use \(names) or a Kafka class name such as org.apache.kafka.common.serialization.LongDeserializer.")
        }
    }

    /// The text Kafka's deserializer's `toString()` gives; bytes of the wrong size throw Kafka's own sentence.
    public func text(_ buffer: ByteBuffer) throws(Failure) -> String {
        let bytes = Array(buffer.readableBytesView)
        switch self {
        case .string: return String(decoding: bytes, as: UTF8.self)
        case .long: return String(Int64(bitPattern: try Self.bigEndian(bytes, size: 8, kafka: "LongDeserializer")))
        case .int: return String(Int32(truncatingIfNeeded: try Self.bigEndian(bytes, size: 4, kafka: "IntegerDeserializer")))
        case .short: return String(Int16(truncatingIfNeeded: try Self.bigEndian(bytes, size: 2, kafka: "ShortDeserializer")))
        case .double: return JavaFloatingPoint.text(Double(bitPattern: try Self.bigEndian(bytes, size: 8, kafka: "DoubleDeserializer")))
        case .float:
            let bits = UInt32(truncatingIfNeeded: try Self.bigEndian(bytes, size: 4, kafka: "FloatDeserializer"))
            return JavaFloatingPoint.text(Float(bitPattern: bits))
        case .bytes:
            var out = ""
            for byte in bytes {
                if byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "\\") {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "\\x" + Self.hexDigits(byte, uppercase: true)
                }
            }
            return out
        case .hex: return bytes.map { Self.hexDigits($0, uppercase: false) }.joined()
        }
    }

    static func bigEndian(_ bytes: [UInt8], size: Int, kafka: String) throws(Failure) -> UInt64 {
        guard bytes.count == size else {
            throw Failure(message: "Size of data received by \(kafka) is not \(size)", size: bytes.count)
        }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func hexDigits(_ byte: UInt8, uppercase: Bool) -> String {
        let text = String(byte, radix: 16, uppercase: uppercase)
        return byte < 0x10 ? "0" + text : text
    }
}

extension RecordDeserializer {
    /// A key or value that its deserializer cannot read; `message` is Kafka's SerializationException text.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// How many bytes the record actually had.
        public var size: Int

        public var description: String { "\(message) (the record has \(size) byte\(size == 1 ? "" : "s"))" }
    }
}
