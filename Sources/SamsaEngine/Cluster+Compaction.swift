import SamsaStorage

extension Cluster {
    /// Starts Kafka's log cleaner: compacts every log whose cleanup.policy includes compact once enough of
    /// it is dirty, then waits log.cleaner.backoff.ms. Compaction reads and rewrites whole segments, so it
    /// runs on the scheduler's background threads, never on an event loop.
    func startLogCleaner() {
        guard config.settings.logCleanerEnabled else { return }
        scheduler.every(ms: max(10, config.settings.logCleanerBackoffMs)) { [weak self] in
            guard let self, !self.isShutDown else { return }
            self.compactDirtyLogs()
        }
    }

    /// Compacts every log that needs it now; returns how many records were removed.
    @discardableResult
    public func compactDirtyLogs(now: Int64 = currentTimeMillis()) -> Int {
        var removed = 0
        for broker in brokers where broker.status.isRunning {
            for partition in broker.partitions {
                // Never past an undecided transaction: its data might still be aborted.
                let stable = partition.lastStableOffset
                guard partition.log.needsCompaction(now: now, upTo: stable) else { continue }
                do {
                    let result = try partition.log.compact(now: now, upTo: stable)
                    removed += result.recordsRemoved
                    if result.recordsRemoved > 0 {
                        logger.info("Compacted \(partition.topicPartition) on broker \(broker.id): \(result.recordsRemoved) record(s) removed, \(result.bytesBefore) → \(result.bytesAfter) bytes")
                    }
                } catch {
                    logger.error("Compacting \(partition.topicPartition) on broker \(broker.id) failed: \(error)")
                }
            }
        }
        return removed
    }
}
