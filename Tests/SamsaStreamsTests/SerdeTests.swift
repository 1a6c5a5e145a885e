import Testing
@testable import SamsaStreams

@Test func longSerdeIsKafkasBigEndianEightBytes() throws {
    #expect(try Serdes.long.serialize(3) == [0, 0, 0, 0, 0, 0, 0, 3])
    #expect(try Serdes.long.deserialize([0, 0, 0, 0, 0, 0, 1, 0]) == 256)
    #expect(throws: SerdeError.self) { try Serdes.long.deserialize([1, 2]) }
}
