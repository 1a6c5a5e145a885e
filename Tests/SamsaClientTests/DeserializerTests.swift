import NIOCore
import SamsaProtocol
import Testing
@testable import SamsaClient

/// console-consumer's deserializers: Kafka's byte layouts, Kafka's texts, Kafka's errors.
@Suite struct DeserializerTests {
    func record(key: [UInt8]?, value: [UInt8]?, headers: [RecordHeader] = []) -> ConsumerRecord {
        ConsumerRecord(topic: "streams-wordcount-output", partition: 0, offset: 4, timestamp: 1_700_000_000_000, timestampType: .createTime,
                       key: key.map { ByteBuffer(bytes: $0) }, value: value.map { ByteBuffer(bytes: $0) }, headers: headers,
                       leaderEpoch: 0)
    }

    func decode(_ deserializer: RecordDeserializer, _ bytes: [UInt8]) throws -> String {
        try deserializer.text(ByteBuffer(bytes: bytes))
    }

    /// Kafka's documented word count line: print.key with LongDeserializer values gives "kafka<TAB>3".
    @Test func wordCountLineAsKafkaDocumentsIt() throws {
        let formatter = try MessageFormatter(properties: [
            "print.key": "true", "value.deserializer": "org.apache.kafka.common.serialization.LongDeserializer",
        ])
        #expect(try formatter.format(record(key: Array("kafka".utf8), value: [0, 0, 0, 0, 0, 0, 0, 3])) == "kafka\t3\n")
        // 2^32 + 258 across the 8 big-endian bytes.
        #expect(try formatter.format(record(key: Array("all".utf8), value: [0, 0, 0, 1, 0, 0, 1, 2])) == "all\t4294967554\n")
    }

    @Test func fixedSizeTypesReadBigEndian() throws {
        #expect(try decode(.long, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]) == "-2")
        #expect(try decode(.long, [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) == "9223372036854775807")
        #expect(try decode(.int, [0, 0, 1, 0]) == "256")
        #expect(try decode(.int, [0x80, 0, 0, 0]) == "-2147483648")
        #expect(try decode(.short, [0xFF, 0x9C]) == "-100")
        // 3.0 is 0x4008000000000000; 0.1 is 0x3FB999999999999A.
        #expect(try decode(.double, [0x40, 0x08, 0, 0, 0, 0, 0, 0]) == "3.0")
        #expect(try decode(.double, [0x3F, 0xB9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A]) == "0.1")
        #expect(try decode(.float, [0x3F, 0xC0, 0, 0]) == "1.5")
    }

    /// Java's Double.toString layout, which Kafka's console consumer prints.
    @Test func doublesPrintAsJavaDoes() {
        #expect(JavaFloatingPoint.text(10_000_000.0) == "1.0E7")
        #expect(JavaFloatingPoint.text(9_999_999.5) == "9999999.5")
        #expect(JavaFloatingPoint.text(0.001) == "0.001")
        #expect(JavaFloatingPoint.text(0.000_125) == "1.25E-4")
        #expect(JavaFloatingPoint.text(-1234.5) == "-1234.5")
        #expect(JavaFloatingPoint.text(100.0) == "100.0")
        #expect(JavaFloatingPoint.text(-0.0) == "-0.0")
        #expect(JavaFloatingPoint.text(Double.nan) == "NaN")
        #expect(JavaFloatingPoint.text(-Double.infinity) == "-Infinity")
        #expect(JavaFloatingPoint.text(1e300) == "1.0E300")
    }

    @Test func wrongSizeThrowsKafkasSentence() {
        #expect(throws: RecordDeserializer.Failure(message: "Size of data received by LongDeserializer is not 8", size: 3)) {
            try decode(.long, Array("abc".utf8))
        }
        #expect(throws: RecordDeserializer.Failure(message: "Size of data received by IntegerDeserializer is not 4", size: 8)) {
            try decode(.int, [0, 0, 0, 0, 0, 0, 0, 1])
        }
        #expect(throws: RecordDeserializer.Failure(message: "Size of data received by DoubleDeserializer is not 8", size: 0)) {
            try decode(.double, [])
        }
        let error = RecordDeserializer.Failure(message: "Size of data received by LongDeserializer is not 8", size: 1)
        #expect(error.description == "Size of data received by LongDeserializer is not 8 (the record has 1 byte)")
    }

    @Test func bytesEscapeLikeKafkasBytesAndHexIsPlain() throws {
        #expect(try decode(.bytes, [0x61, 0x00, 0x5C, 0x7E, 0x7F, 0xFF]) == "a\\x00\\x5C~\\x7F\\xFF")
        #expect(try decode(.hex, [0x00, 0x0A, 0xFF]) == "000aff")
        #expect(try decode(.string, Array("grüße".utf8)) == "grüße")
    }

    /// A tombstone prints the null literal rather than failing the Long deserializer.
    @Test func absentValuesPrintNullWithAnyDeserializer() throws {
        var formatter = MessageFormatter()
        formatter.printKey = true
        formatter.keyDeserializer = .int
        formatter.valueDeserializer = .long
        #expect(try formatter.format(record(key: nil, value: nil)) == "null\tnull\n")
        #expect(try formatter.format(record(key: [0, 0, 0, 7], value: nil)) == "7\tnull\n")
    }

    @Test func headerValuesUseTheHeadersDeserializer() throws {
        let formatter = try MessageFormatter(properties: ["print.headers": "true", "headers.deserializer": "hex", "print.value": "false"])
        let headers = [RecordHeader(key: "id", value: ByteBuffer(bytes: [1, 2])), RecordHeader(key: "none", value: nil)]
        #expect(try formatter.format(record(key: nil, value: [0], headers: headers)) == "id:0102,none:null\n")
    }

    @Test func namesShortAndKafkaClasses() throws {
        let names: [(String, RecordDeserializer)] = [
            ("long", .long), ("LONG", .long), ("int", .int), ("integer", .int), ("double", .double), ("bytes", .bytes),
            ("hex", .hex), ("string", .string),
            ("org.apache.kafka.common.serialization.LongDeserializer", .long),
            ("org.apache.kafka.common.serialization.IntegerDeserializer", .int),
            ("org.apache.kafka.common.serialization.DoubleDeserializer", .double),
            ("org.apache.kafka.common.serialization.StringDeserializer", .string),
            ("org.apache.kafka.common.serialization.ByteArrayDeserializer", .string),
            ("org.apache.kafka.common.serialization.BytesDeserializer", .bytes),
            ("LongDeserializer", .long),
        ]
        for (name, expected) in names { #expect(try RecordDeserializer(name: name) == expected, "\(name)") }
        for bad in ["varint", "com.example.LongDeserializer", ""] {
            #expect(throws: ClientError.self, "\(bad)") { try RecordDeserializer(name: bad) }
        }
        #expect(throws: ClientError.self) { try MessageFormatter(properties: ["value.deserializer": "Long64"]) }
    }
}
