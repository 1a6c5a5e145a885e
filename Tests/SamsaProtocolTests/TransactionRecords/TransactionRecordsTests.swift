import NIOCore
import Testing
@testable import SamsaProtocol

/// `__transaction_state` records against bytes laid out by hand from Kafka's TransactionLogKey/Value schemas.
@Suite struct TransactionRecordsTests {
    let ongoing = TransactionLogValue(producerId: 1000, producerEpoch: 3, transactionTimeoutMs: 60000,
                                      transactionStatus: TransactionState.ongoing.rawValue,
                                      transactionPartitions: [.init(topic: "t", partitionIds: [0, 2])],
                                      transactionLastUpdateTimestampMs: 5, transactionStartTimestampMs: 4)

    @Test func keyMatchesSchemaBytes() throws {
        let key = TransactionLogKey(transactionalId: "txn-1")
        #expect(CodecChecks.hex(key.encode()) == "0000" + "0005" + "74786e2d31")
        #expect(try TransactionLogKey.decode(key.encode()) == key)
        #expect(throws: ProtocolError.self) { try TransactionLogKey.decode(CodecChecks.bytes("0001000174")) }
    }

    @Test func valueVersion0MatchesSchemaBytes() throws {
        let expected: String = "0000" + "00000000000003e8" + "0003" + "0000ea60" + "01"
            + "00000001" + "000174" + "00000002" + "00000000" + "00000002"
            + "0000000000000005" + "0000000000000004"
        #expect(CodecChecks.hex(ongoing.encode(version: 0)) == expected)
        #expect(try TransactionLogValue.decode(CodecChecks.bytes(expected)) == ongoing)
    }

    @Test func valueVersion1IsFlexible() throws {
        let expected: String = "0001" + "00000000000003e8" + "0003" + "0000ea60" + "01"
            + "02" + "0274" + "03" + "00000000" + "00000002" + "00"
            + "0000000000000005" + "0000000000000004" + "00"
        #expect(CodecChecks.hex(ongoing.encode(version: 1)) == expected)
        #expect(try TransactionLogValue.decode(CodecChecks.bytes(expected)) == ongoing)
    }

    @Test func emptyStateStoresNullPartitions() throws {
        var empty = ongoing
        empty.transactionStatus = TransactionState.empty.rawValue
        empty.transactionPartitions = nil
        for version in TransactionLogValue.versions {
            let encoded = empty.encode(version: version)
            #expect(try TransactionLogValue.decode(encoded) == empty)
        }
        let nullPartitions: String = "0000" + "00000000000003e8" + "0003" + "0000ea60" + "00" + "ffffffff"
        #expect(CodecChecks.hex(empty.encode(version: 0)).hasPrefix(nullPartitions))
    }

    @Test func truncatedOrUnknownVersionsThrow() {
        let encoded = ongoing.encode(version: 1)
        for length in 0..<encoded.readableBytes {
            #expect(throws: (any Error).self) { try TransactionLogValue.decode(encoded.getSlice(at: 0, length: length)!) }
        }
        #expect(throws: ProtocolError.self) { try TransactionLogValue.decode(CodecChecks.bytes("0002")) }
    }

    @Test func stateBytesAndNamesAreKafkas() {
        let expected: [(TransactionState, Int8, String)] = [
            (.empty, 0, "Empty"), (.ongoing, 1, "Ongoing"), (.prepareCommit, 2, "PrepareCommit"), (.prepareAbort, 3, "PrepareAbort"),
            (.completeCommit, 4, "CompleteCommit"), (.completeAbort, 5, "CompleteAbort"), (.dead, 6, "Dead"),
            (.prepareEpochFence, 7, "PrepareEpochFence"),
        ]
        for (state, byte, name) in expected {
            #expect(state.rawValue == byte)
            #expect(state.name == name)
            #expect(TransactionState(name: name) == state)
        }
        #expect(TransactionState.allCases.count == expected.count)
    }
}
