import Testing
@testable import SamsaProtocol

@Suite struct InitProducerIdTests {
    @Test func roundTripsEveryVersion() throws {
        try CodecChecks.roundTrip(InitProducerIdRequest(transactionalId: "tx", transactionTimeoutMs: 5, producerId: 7, producerEpoch: 2),
                                  versions: InitProducerIdRequest.versions, flexibleFrom: 2)
        try CodecChecks.roundTrip(InitProducerIdResponse(throttleTimeMs: 1, errorCode: .none, producerId: 9, producerEpoch: 3),
                                  versions: InitProducerIdRequest.versions, flexibleFrom: 2)
    }

    @Test func matchesKafkaPython() throws {
        try CodecChecks.matches(KafkaPythonFixtures.initProducerIdRequestV1, InitProducerIdRequest(transactionTimeoutMs: 60000),
                                version: 1, flexible: false)
        try CodecChecks.matches(KafkaPythonFixtures.initProducerIdRequestV4, InitProducerIdRequest(transactionTimeoutMs: 60000),
                                version: 4, flexible: true)
        try CodecChecks.matches(KafkaPythonFixtures.initProducerIdResponseV4, InitProducerIdResponse(producerId: 1000, producerEpoch: 0),
                                version: 4, flexible: true)
    }
}
