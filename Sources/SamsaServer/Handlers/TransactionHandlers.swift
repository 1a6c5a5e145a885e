import NIOCore
import SamsaEngine
import SamsaProtocol

extension RequestDispatcher {
    /// AddPartitionsToTxn. v0-v3 (clients): one transaction, per-partition results. v4+ (brokers): several
    /// transactions, answered per transaction; a verify-only one is only checked, not changed.
    mutating func registerAddPartitionsToTxn() {
        register(AddPartitionsToTxnRequest.self) { request, context in
            let version = context.version
            let coordinator = context.broker.transactions
            // Brokers (v4+) need CLUSTER_ACTION, refused for the whole request; clients WRITE on the
            // transactional id and on each topic.
            if version >= 4 && !context.authorizeCluster(.clusterAction) {
                return .now(AddPartitionsToTxnResponse(errorCode: .clusterAuthorizationFailed, resultsByTransaction: []))
            }
            let results = request.transactions(version: version).map { txn -> EventLoopFuture<AddPartitionsToTxnResponse.TransactionResult> in
                let partitions = txn.topics.flatMap(\.topicPartitions)
                if version < 4, let refused = context.refusal(of: txn.transactionalId, partitions) {
                    return context.eventLoop.makeSucceededFuture(.init(transactionalId: txn.transactionalId, topics: Self.partitionErrors(refused)))
                }
                let answer = txn.verifyOnly
                    ? context.eventLoop.makeSucceededFuture(coordinator.verifyPartitions(
                        transactionalId: txn.transactionalId, producerId: txn.producerId, producerEpoch: txn.producerEpoch,
                        partitions: partitions))
                    : coordinator.addPartitions(transactionalId: txn.transactionalId, producerId: txn.producerId,
                                                producerEpoch: txn.producerEpoch, partitions: partitions, on: context.eventLoop)
                return answer.map { codes in
                    .init(transactionalId: txn.transactionalId, topics: Self.partitionErrors(codes.mapValues {
                        Self.fenced($0, version: version, firstFencedVersion: 2)
                    }))
                }
            }
            return .later(EventLoopFuture.whenAllSucceed(results, on: context.eventLoop).map { results in
                AddPartitionsToTxnResponse(resultsByTransaction: results, version: version)
            })
        }
    }

    /// AddOffsetsToTxn: adds the group's `__consumer_offsets` partition to the transaction.
    mutating func registerAddOffsetsToTxn() {
        register(AddOffsetsToTxnRequest.self) { request, context in
            let version = context.version
            if !context.authorize(.write, .transactionalId, request.transactionalId) {
                return .now(AddOffsetsToTxnResponse(errorCode: .transactionalIdAuthorizationFailed))
            }
            if !context.authorize(.read, .group, request.groupId) { return .now(AddOffsetsToTxnResponse(errorCode: .groupAuthorizationFailed)) }
            let partitions: Int
            do throws(EngineError) {
                // Creates __consumer_offsets if need be, so the partition is the one TxnOffsetCommit will write.
                _ = try context.cluster.coordinator(for: request.groupId)
                partitions = context.cluster.controller.topic("__consumer_offsets")?.partitions.count ?? 0
            } catch {
                return .now(AddOffsetsToTxnResponse(errorCode: error.code))
            }
            let answer = context.broker.transactions.addOffsets(
                transactionalId: request.transactionalId, producerId: request.producerId, producerEpoch: request.producerEpoch,
                groupId: request.groupId, offsetsPartitions: partitions, on: context.eventLoop)
            return .later(answer.map { AddOffsetsToTxnResponse(errorCode: Self.fenced($0, version: version, firstFencedVersion: 2)) })
        }
    }

    /// EndTxn: answered once PrepareCommit/PrepareAbort is replicated; markers follow.
    mutating func registerEndTxn() {
        register(EndTxnRequest.self) { request, context in
            let version = context.version
            if !context.authorize(.write, .transactionalId, request.transactionalId) {
                return .now(EndTxnResponse(errorCode: .transactionalIdAuthorizationFailed))
            }
            let answer = context.broker.transactions.endTransaction(
                transactionalId: request.transactionalId, producerId: request.producerId, producerEpoch: request.producerEpoch,
                commit: request.committed, on: context.eventLoop)
            return .later(answer.map { EndTxnResponse(errorCode: Self.fenced($0, version: version, firstFencedVersion: 2)) })
        }
    }

    /// TxnOffsetCommit: the group coordinator keeps the offsets pending until the transaction's marker.
    mutating func registerTxnOffsetCommit() {
        register(TxnOffsetCommitRequest.self) { request, context in
            // As Kafka: WRITE on the transactional id, READ on the group, then READ on each topic.
            let whole: ErrorCode? = !context.authorize(.write, .transactionalId, request.transactionalId) ? .transactionalIdAuthorizationFailed
                : !context.authorize(.read, .group, request.groupId) ? .groupAuthorizationFailed : nil
            let forbidden = whole == nil ? context.deniedTopics(.read, request.topics.lazy.map(\.name)) : Set(request.topics.map(\.name))
            let refused = Dictionary(request.topics.filter { forbidden.contains($0.name) }.flatMap { topic in
                topic.partitions.map { (TopicPartition(topic.name, $0.partitionIndex), whole ?? .topicAuthorizationFailed) }
            }, uniquingKeysWith: { a, _ in a })
            if whole != nil { return .now(TxnOffsetCommitResponse(topics: Self.partitionErrors(refused))) }
            let offsets = Self.offsetsToCommit(request.topics.filter { !forbidden.contains($0.name) }.map { ($0.name, $0.partitions) })
            let answer = context.broker.coordinator.commitTransactionalOffsets(TxnOffsetCommitParameters(
                transactionalId: request.transactionalId, groupId: request.groupId, producerId: request.producerId,
                producerEpoch: request.producerEpoch, generationId: request.generationId, memberId: request.memberId,
                groupInstanceId: request.groupInstanceId, offsets: offsets), on: context.eventLoop)
            return .later(answer.map { TxnOffsetCommitResponse(topics: Self.partitionErrors($0.merging(refused) { a, _ in a })) })
        }
    }

    /// DescribeTransactions: the state of each id this broker coordinates (others: NOT_COORDINATOR).
    mutating func registerDescribeTransactions() {
        register(DescribeTransactionsRequest.self) { request, context in
            let forbidden = context.denied(.describe, .transactionalId, request.transactionalIds)
            return .now(DescribeTransactionsResponse(transactionStates: context.broker.transactions.describe(request.transactionalIds).map { txn in
                if forbidden.contains(txn.transactionalId) {
                    return .init(errorCode: .transactionalIdAuthorizationFailed, transactionalId: txn.transactionalId, transactionState: "",
                                 transactionTimeoutMs: 0, transactionStartTimeMs: -1, producerId: -1, producerEpoch: -1, topics: [])
                }
                // As Kafka: the partitions of topics the principal may not describe are left out.
                let hidden = context.deniedTopics(.describe, txn.partitions.lazy.map(\.topic))
                let byTopic = Dictionary(grouping: txn.partitions.filter { !hidden.contains($0.topic) }, by: \.topic)
                return .init(errorCode: txn.error, transactionalId: txn.transactionalId,
                             transactionState: txn.error == .none ? txn.state.name : "", transactionTimeoutMs: txn.timeoutMs,
                             transactionStartTimeMs: txn.startTimestamp, producerId: txn.producerId, producerEpoch: txn.producerEpoch,
                             topics: byTopic.keys.sorted().map { .init(name: $0, partitions: byTopic[$0]!.map(\.partition)) })
            }))
        }
    }

    /// ListTransactions: the ids this broker coordinates (admin clients ask every broker); state names it
    /// does not know are echoed back in unknown_state_filters and, as in Kafka, do not narrow the list.
    mutating func registerListTransactions() {
        register(ListTransactionsRequest.self) { request, context in
            let coordinator = context.broker.transactions
            if coordinator.isLoading { return .now(ListTransactionsResponse(errorCode: .coordinatorLoadInProgress, transactionStates: [])) }
            let states = request.stateFilters.compactMap(TransactionState.init(name:))
            let unknown = request.stateFilters.filter { TransactionState(name: $0) == nil }
            let listed = coordinator.list(states: Set(states), producerIds: Set(request.producerIdFilters),
                                          minDurationMs: request.durationFilter)
            let forbidden = context.denied(.describe, .transactionalId, listed.lazy.map(\.transactionalId))
            return .now(ListTransactionsResponse(unknownStateFilters: unknown, transactionStates: listed.filter { !forbidden.contains($0.transactionalId) }.map {
                .init(transactionalId: $0.transactionalId, producerId: $0.producerId, transactionState: $0.state.name)
            }))
        }
    }

    static func partitionErrors(_ codes: [TopicPartition: ErrorCode]) -> [TopicPartitionErrors] {
        let byTopic = Dictionary(grouping: codes, by: \.key.topic)
        return byTopic.keys.sorted().map { topic in
            TopicPartitionErrors(name: topic, partitions: byTopic[topic]!.sorted { $0.key.partition < $1.key.partition }.map {
                .init(partitionIndex: $0.key.partition, errorCode: $0.value)
            })
        }
    }
}
