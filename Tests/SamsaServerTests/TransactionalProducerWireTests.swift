import NIOCore
import SamsaClient
import SamsaProtocol
import Synchronization
import Testing

/// The transactional producer against a scripted broker: which requests it sends in which order, what its
/// batches carry, and how it handles the errors Kafka's TransactionManager distinguishes.
@Suite struct TransactionalProducerWireTests {
    /// What the scripted coordinator and leader saw and will answer next.
    final class Script: Sendable {
        struct State {
            var initAnswers: [ErrorCode] = []
            var addPartitionsAnswers: [ErrorCode] = []
            var produceAnswers: [ErrorCode] = []
            var endTxnAnswers: [ErrorCode] = []
            var txnOffsetCommitAnswers: [ErrorCode] = []
            var epoch: Int16 = 3
            var inits: [InitProducerIdRequest] = []
            var added: [[TopicPartition]] = []
            /// (partition, producer id, epoch, base sequence, transactional) of each batch produced.
            var batches: [(Int32, Int64, Int16, Int32, Bool)] = []
            var produceTransactionalIds: [String?] = []
            var ends: [Bool] = []
            var offsetCommits: [TxnOffsetCommitRequest] = []
            var offsetGroups: [String] = []
            var nextOffset: Int64 = 0
        }

        let state = Mutex(State())

        func next(_ answers: WritableKeyPath<State, [ErrorCode]>) -> ErrorCode {
            state.withLock { s in s[keyPath: answers].isEmpty ? .none : s[keyPath: answers].removeFirst() }
        }
    }

    static func broker(_ script: Script) async throws -> FakeBroker {
        try await FakeBroker.start(partitions: 2) { routes in
            routes.on(InitProducerIdRequest.self) { request, _ in
                let code = script.next(\.initAnswers)
                return script.state.withLock { s in
                    s.inits.append(request)
                    guard code == .none else { return InitProducerIdResponse(errorCode: code) }
                    if request.producerId >= 0 { s.epoch = request.producerEpoch + 1 }
                    return InitProducerIdResponse(producerId: 42, producerEpoch: s.epoch)
                }
            }
            routes.on(AddPartitionsToTxnRequest.self) { request, version in
                let code = script.next(\.addPartitionsAnswers)
                let partitions = request.topics.flatMap(\.topicPartitions)
                if code == .none { script.state.withLock { $0.added.append(partitions.sorted()) } }
                return AddPartitionsToTxnResponse(resultsByTransaction: [.init(transactionalId: request.transactionalId,
                    topics: TopicPartitionErrors.grouping(Dictionary(uniqueKeysWithValues: partitions.map { ($0, code) })))], version: version)
            }
            routes.on(ProduceRequest.self) { request, _ in
                let code = script.next(\.produceAnswers)
                var responses: [ProduceResponse.TopicResponse] = []
                for topic in request.topicData {
                    var answers: [ProduceResponse.PartitionResponse] = []
                    for data in topic.partitionData {
                        let header = RecordBatchHeader(buffer: data.records!, at: data.records!.readerIndex)!
                        let offset = script.state.withLock { s -> Int64 in
                            s.produceTransactionalIds.append(request.transactionalId)
                            s.batches.append((data.index, header.producerId, header.producerEpoch, header.baseSequence, header.isTransactional))
                            defer { if code == .none { s.nextOffset += Int64(header.recordCount) } }
                            return s.nextOffset
                        }
                        answers.append(.init(index: data.index, errorCode: code, baseOffset: code == .none ? offset : -1))
                    }
                    responses.append(.init(name: topic.name, partitionResponses: answers))
                }
                return ProduceResponse(responses: responses)
            }
            routes.on(EndTxnRequest.self) { request, _ in
                let code = script.next(\.endTxnAnswers)
                if code == .none { script.state.withLock { $0.ends.append(request.committed) } }
                return EndTxnResponse(errorCode: code)
            }
            routes.on(AddOffsetsToTxnRequest.self) { request, _ in
                script.state.withLock { $0.offsetGroups.append(request.groupId) }
                return AddOffsetsToTxnResponse()
            }
            routes.on(TxnOffsetCommitRequest.self) { request, _ in
                let code = script.next(\.txnOffsetCommitAnswers)
                script.state.withLock { $0.offsetCommits.append(request) }
                return TxnOffsetCommitResponse(topics: request.topics.map { topic in
                    TopicPartitionErrors(name: topic.name, partitions: topic.partitions.map { .init(partitionIndex: $0.partitionIndex, errorCode: code) })
                })
            }
        }
    }

    /// Runs `body` with a transactional producer on a scripted broker; closes both afterwards, also when it fails.
    static func withProducer(_ script: Script, _ body: (FakeBroker, KafkaClient, Producer) async throws -> Void) async throws {
        let broker = try await Self.broker(script)
        let client = KafkaClient(config: ClientConfig(bootstrapServers: [broker.address]), group: broker.group)
        var config = ProducerConfig()
        config.transactionalId = "wire-tx"
        config.transactionTimeoutMs = 15000
        config.lingerMs = 0
        config.retryBackoffMs = 5
        config.maxBlockMs = 60000
        let producer = Producer(client: client, config: config)
        try await withCleanup { try await body(broker, client, producer) } cleanup: {
            await producer.close()
            await client.close()
            broker.stop()
        }
    }

    static func send(_ producer: Producer, partition: Int32, _ value: String) async throws {
        try await producer.send(ProducerRecord(topic: "t", value: value, partition: partition))
    }

    @Test func partitionsJoinBeforeTheirBatchesAndRetriableErrorsAreRetried() async throws {
        let script = Script()
        script.state.withLock { s in
            s.initAnswers = [.coordinatorLoadInProgress, .notCoordinator]
            s.addPartitionsAnswers = [.concurrentTransactions]
            s.endTxnAnswers = [.concurrentTransactions]
        }
        try await Self.withProducer(script) { broker, client, producer in
            try await producer.initTransactions()
            try producer.beginTransaction()
            try await Self.send(producer, partition: 0, "a")
            try await Self.send(producer, partition: 0, "b")
            try await Self.send(producer, partition: 1, "c")
            try await producer.commitTransaction()
            try producer.beginTransaction()
            try await Self.send(producer, partition: 0, "d")
            try await producer.abortTransaction()

            #expect(broker.requests == [.initProducerId, .initProducerId, .initProducerId,
                                        .addPartitionsToTxn, .addPartitionsToTxn, .produce, .produce, .addPartitionsToTxn, .produce,
                                        .endTxn, .endTxn,
                                        .addPartitionsToTxn, .produce, .endTxn])
            script.state.withLock { s in
                #expect(s.inits.allSatisfy { $0.transactionalId == "wire-tx" && $0.transactionTimeoutMs == 15000 && $0.producerId == -1 })
                #expect(s.added == [[TopicPartition("t", 0)], [TopicPartition("t", 1)], [TopicPartition("t", 0)]],
                        "each partition joins once per transaction")
                #expect(s.batches.map(\.0) == [0, 0, 1, 0])
                #expect(s.batches.map(\.3) == [0, 1, 0, 2], "sequences count per partition across transactions")
                #expect(s.batches.allSatisfy { $0.1 == 42 && $0.2 == 3 && $0.4 }, "transactional batches of producer 42, epoch 3")
                #expect(s.produceTransactionalIds.allSatisfy { $0 == "wire-tx" })
                #expect(s.ends == [true, false])
        }
        }
    }

    @Test func anEmptyTransactionNeedsNoEndTxn() async throws {
        let script = Script()
        try await Self.withProducer(script) { broker, client, producer in
            try await producer.initTransactions()
            try producer.beginTransaction()
            try await producer.commitTransaction()
            try producer.beginTransaction()
            try await producer.abortTransaction()
            #expect(broker.requests == [.initProducerId])
            #expect(producer.transactionState == .ready)
        }
    }

    @Test func aFencedProducerFailsForGood() async throws {
        let script = Script()
        script.state.withLock { $0.endTxnAnswers = [.producerFenced] }
        try await Self.withProducer(script) { broker, client, producer in
            try await producer.initTransactions()
            try producer.beginTransaction()
            try await Self.send(producer, partition: 0, "x")
            await #expect(throws: ClientError.self) { try await producer.commitTransaction() }
            #expect(producer.transactionState == .fatalError)
            #expect(throws: ClientError.self) { try producer.beginTransaction() }
            await #expect(throws: ClientError.self) { try await producer.abortTransaction() }
            await #expect(throws: ClientError.self) { try await Self.send(producer, partition: 0, "y") }
        }
    }

    @Test func aLostSequenceIsAbortedWithAnEpochBump() async throws {
        let script = Script()
        script.state.withLock { $0.produceAnswers = [.outOfOrderSequenceNumber] }
        try await Self.withProducer(script) { broker, client, producer in
            try await producer.initTransactions()
            try producer.beginTransaction()
            await #expect(throws: ClientError.broker(.outOfOrderSequenceNumber, "Producing to t-0 failed.")) {
                try await Self.send(producer, partition: 0, "lost")
        }
        #expect(producer.transactionState == .abortableError)
        await #expect(throws: ClientError.self) { try await producer.commitTransaction() }
        try await producer.abortTransaction()
        #expect(producer.transactionState == .ready)
        try producer.beginTransaction()
        try await Self.send(producer, partition: 0, "again")
        try await producer.commitTransaction()
        script.state.withLock { s in
            #expect(s.inits.count == 2)
            #expect(s.inits[1].producerId == 42 && s.inits[1].producerEpoch == 3, "KIP-360: the bump names the current id and epoch")
            #expect(s.ends == [true], "the bump aborted the first transaction; only the second ended with EndTxn")
            #expect(s.batches.last.map { [$0.2 == 4, $0.3 == 0] } == [true, true], "the new epoch numbers from zero")
        }
        }
    }

    @Test func offsetsGoToTheGroupCoordinatorWithTheMembersGeneration() async throws {
        let script = Script()
        script.state.withLock { $0.txnOffsetCommitAnswers = [.none, .illegalGeneration] }
        try await Self.withProducer(script) { broker, client, producer in
            try await producer.initTransactions()
            try producer.beginTransaction()
            let member = ConsumerGroupMetadata(groupId: "g", generationId: 7, memberId: "m-1", groupInstanceId: "i-1")
            try await producer.sendOffsetsToTransaction([TopicPartition("in", 0): 10, TopicPartition("in", 1): 20], groupMetadata: member)
            try await producer.commitTransaction()
            #expect(broker.requests == [.initProducerId, .addOffsetsToTxn, .txnOffsetCommit, .endTxn])
            script.state.withLock { s in
                #expect(s.offsetGroups == ["g"])
                let commit = s.offsetCommits[0]
                #expect(commit.groupId == "g" && commit.generationId == 7 && commit.memberId == "m-1" && commit.groupInstanceId == "i-1")
                #expect(commit.producerId == 42 && commit.transactionalId == "wire-tx")
                #expect(commit.topics.map(\.name) == ["in"] && commit.topics[0].partitions.map(\.committedOffset) == [10, 20])
        }
        try producer.beginTransaction()
        await #expect(throws: ClientError.self) { try await producer.sendOffsetsToTransaction([TopicPartition("in", 0): 11], groupMetadata: member) }
        #expect(producer.transactionState == .abortableError, "a rebalanced member's offsets abort the transaction (KIP-447)")
        try await producer.abortTransaction()
        }
    }

    @Test func callsOutOfOrderAreRefusedWithASentence() async throws {
        let script = Script()
        try await Self.withProducer(script) { broker, client, producer in
            #expect(throws: ClientError.invalidArgument("Cannot beginTransaction while the transactional producer is uninitialized.")) {
                try producer.beginTransaction()
        }
        await #expect(throws: ClientError.self) { try await Self.send(producer, partition: 0, "early") }
        try await producer.initTransactions()
        await #expect(throws: ClientError.invalidArgument("Cannot send while the transactional producer is ready; call beginTransaction() first.")) {
            try await Self.send(producer, partition: 0, "outside")
        }
        await #expect(throws: ClientError.self) { try await producer.commitTransaction() }
        let plain = Producer(client: client)
        await #expect(throws: ClientError.invalidArgument("Cannot initTransactions: the producer has no transactional.id.")) {
            try await plain.initTransactions()
        }
        await plain.close()
        }
    }
}
