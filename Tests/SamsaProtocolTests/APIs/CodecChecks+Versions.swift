import Testing
@testable import SamsaProtocol

extension CodecChecks {
    /// `roundTrip`, and at each version the decoded value is exactly `expected(version)`: the fields the
    /// version carries, every other field at its default. Catches a field written at a version that lacks it
    /// (and read back symmetrically), which re-encoding alone cannot.
    static func roundTrip<M: KafkaMessage>(_ value: M, versions: ClosedRange<Int16>, flexibleFrom: Int16?,
                                           sourceLocation: SourceLocation = #_sourceLocation, decodesAs expected: (Int16) -> M) throws {
        try roundTrip(value, versions: versions, flexibleFrom: flexibleFrom, sourceLocation: sourceLocation)
        for version in versions {
            let flexible = flexibleFrom.map { version >= $0 } ?? false
            var writer = KafkaWriter(flexible: flexible)
            value.write(to: &writer, version: version)
            var reader = KafkaReader(writer.buffer, flexible: flexible)
            let decoded = try M(from: &reader, version: version)
            #expect(decoded == expected(version), "v\(version) decoded differently", sourceLocation: sourceLocation)
        }
    }

    /// The bytes of a message whose last field is cut short throw a typed error.
    static func rejectsTruncated<M: KafkaMessage>(_ type: M.Type, _ hex: String, version: Int16, flexible: Bool,
                                                  sourceLocation: SourceLocation = #_sourceLocation) {
        var reader = KafkaReader(bytes(hex), flexible: flexible)
        #expect(throws: ProtocolError.self, sourceLocation: sourceLocation) { _ = try M(from: &reader, version: version) }
    }
}
