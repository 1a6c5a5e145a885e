import SamsaProtocol

/// Kafka's `KafkaConsumer.pause/resume/paused`: a paused partition stays assigned but is not fetched; its
/// position is kept (and still committed) and `seek` moves it. The pause lasts until `resume`, or until
/// the partition is revoked (an eager rebalance revokes every partition, as in Kafka).
extension GroupConsumer {
    /// Stops fetching `partitions` (those not assigned are ignored).
    public func pause(_ partitions: [TopicPartition]) {
        let assigned = Set(assignment)
        for tp in partitions where assigned.contains(tp) {
            let alreadyPaused = state.withLock { $0.paused[tp] != nil }
            if alreadyPaused { continue }
            // Taken out of the fetcher (so no fetch names it), its start kept here until resumed.
            let start = fetcher.position(tp).map(StartPosition.offset) ?? resetStart
            fetcher.remove([tp])
            state.withLock { $0.paused[tp] = start }
        }
    }

    /// Fetches `partitions` again from where they were paused (or sought to while paused).
    public func resume(_ partitions: [TopicPartition]) {
        for tp in partitions {
            guard let start = state.withLock({ $0.paused.removeValue(forKey: tp) }) else { continue }
            fetcher.add([tp], from: start)
        }
    }

    /// The partitions paused now.
    public var paused: Set<TopicPartition> { state.withLock { Set($0.paused.keys) } }

    /// Where a partition without a known position starts: `auto.offset.reset`.
    var resetStart: StartPosition { config.autoOffsetReset == .latest ? .end : .beginning }

    /// A paused partition's kept position (nil when not paused or not yet known).
    func pausedPosition(_ tp: TopicPartition) -> Int64?? {
        state.withLock { s in
            guard let start = s.paused[tp] else { return nil }
            if case .offset(let offset) = start { return .some(offset) }
            return .some(nil)
        }
    }
}
