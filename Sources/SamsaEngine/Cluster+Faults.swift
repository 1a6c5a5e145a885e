import NIOCore
import SamsaProtocol

/// Fault injection: what the workbench's menu and `samsa cluster` do to brokers, each a real change of
/// the running cluster (listeners close, logs are abandoned or flushed, the controller elects leaders).
extension Cluster {
    /// Called with (broker id, open) when a broker's listener must open or close. The server sets it.
    public func setListenerHook(_ hook: @escaping @Sendable (Int32, Bool) -> Void) {
        listenerHook.withLock { $0 = hook }
    }

    private func setListener(_ id: Int32, open: Bool) {
        listenerHook.withLock { $0 }?(id, open)
    }

    private func requireBroker(_ id: Int32) throws -> Broker {
        guard let broker = broker(id) else {
            throw EngineError(.brokerNotAvailable, "There is no broker \(id); brokers are \(brokers.map(\.id)).")
        }
        return broker
    }

    /// Kills a broker as a crash would: its listener and connections close at once, nothing is flushed,
    /// no clean-shutdown mark is written, and the controller moves its leaderships to in-sync followers.
    public func killBroker(_ id: Int32) throws {
        let broker = try requireBroker(id)
        try changeLock.withLock { _ in
            guard broker.status.isRunning else { throw EngineError(.brokerNotAvailable, "Broker \(id) is not running.") }
            // Leaders move before the sockets close, so a client that reconnects at once already finds them.
            events.record(.brokerDown, broker: id, "Broker \(id) was killed: no clean shutdown; its leaderships move")
            try leave(id, skipping: [id])
            broker.setStatus(.crashed)
            let expiry = currentTimeMillis() + config.settings.int64("broker.session.timeout.ms")
            crashedUntil.withLock { $0[id] = expiry }
            setListener(id, open: false)
            broker.closeAll(clean: false)
        }
    }

    /// How long a cleanly stopping broker keeps answering after its leaderships moved: long enough for
    /// clients to be told NOT_LEADER_OR_FOLLOWER and look up the new leaders over a live connection.
    public static let controlledShutdownGraceMs: Int64 = 300

    /// Stops a broker cleanly, as Kafka's controlled shutdown does: leaderships move first, the broker
    /// keeps answering (NOT_LEADER_OR_FOLLOWER) for a moment, then its logs are flushed and marked
    /// cleanly shut down and its listener closes. Returns once leadership has moved; the status reads
    /// `stopping`, then `stopped`.
    public func stopBroker(_ id: Int32) throws {
        let broker = try requireBroker(id)
        try changeLock.withLock { _ in
            guard broker.status == .online || broker.status == .isolated else {
                throw EngineError(.brokerNotAvailable, "Broker \(id) is not running.")
            }
            events.record(.brokerDown, broker: id, "Broker \(id) is shutting down cleanly; its leaderships move first")
            try leave(id)
            broker.setStatus(.stopping)
        }
        let finish: @Sendable () -> Void = { [weak self] in
            self?.changeLock.withLock { _ in
                guard broker.status == .stopping else { return }
                broker.setStatus(.stopped)
                self?.setListener(id, open: false)
                broker.closeAll(clean: true)
            }
        }
        if scheduler.schedule(afterMs: Self.controlledShutdownGraceMs, finish) == nil { finish() }
    }

    private func leave(_ id: Int32, skipping: Set<Int32> = []) throws {
        let remaining = live.withLock { live -> Set<Int32> in
            live.remove(id)
            return live
        }
        controllerLeft(id, remaining: remaining)
        apply(try controller.brokerLeft(id, live: remaining), skipping: skipping)
    }

    /// Starts a stopped or killed broker: it recovers its logs, follows the current leaders (cutting any
    /// divergent tail), rejoins the in-sync sets once caught up, and leads partitions that had no leader.
    /// Recovery reads whole segments, so it runs before taking the change lock: other partitions' leader
    /// and in-sync changes go on meanwhile. Blocking: call it off the event loops.
    public func startBroker(_ id: Int32) throws {
        let broker = try requireBroker(id)
        guard broker.beginStart() else { throw EngineError(.invalidRequest, "Broker \(id) is already starting.") }
        defer { broker.endStart() }
        try checkStartable(broker)
        let checkpoint = broker.loadHighWatermarks()
        for topic in controller.snapshot().topics.values.sorted(by: { $0.name < $1.name }) {
            try openReplicas(of: topic, on: broker, checkpoint: checkpoint)
        }
        try changeLock.withLock { _ in
            try checkStartable(broker)
            // Topics created or deleted while the logs were recovered.
            let topics = controller.snapshot().topics
            for topic in topics.values { try openReplicas(of: topic, on: broker, checkpoint: checkpoint) }
            for replica in broker.partitions {
                let tp = replica.topicPartition
                guard let topic = topics[tp.topic], Int(tp.partition) < topic.partitions.count else {
                    broker.closeReplica(tp, delete: true)
                    continue
                }
                // Leaders and epochs may have moved while the logs were recovered: start from today's.
                let current = topic.partitions[Int(tp.partition)]
                if current.leader != id { replica.becomeFollower(current) }
            }
            crashedUntil.withLock { $0[id] = nil }
            broker.setStatus(.online)
            let everyone = live.withLock { live -> Set<Int32> in
                live.insert(id)
                return live
            }
            if let loops = loops.withLock({ $0 }) { broker.fetcher.start(cluster: self, loops: loops) }
            events.record(.brokerUp, broker: id, "Broker \(id) started; it catches up from the leaders")
            controllerReturned(id)
            apply(try controller.brokerReturned(id, live: everyone))
            for topic in controller.snapshot().topics.values { followLeaders(of: topic, on: broker) }
            setListener(id, open: true)
        }
    }

    private func checkStartable(_ broker: Broker) throws {
        if broker.status == .stopping {
            throw EngineError(.invalidRequest, "Broker \(broker.id) is still shutting down; start it again in a moment.")
        }
        guard !broker.status.isRunning else { throw EngineError(.invalidRequest, "Broker \(broker.id) is already running.") }
    }

    /// Cuts a broker off from clients and peers, as a network partition would: its listener closes and
    /// replication to and from it stops, but it keeps running. The controller fences it after
    /// broker.session.timeout.ms and moves its leaderships.
    public func isolateBroker(_ id: Int32) throws {
        let broker = try requireBroker(id)
        try changeLock.withLock { _ in
            guard broker.status == .online else { throw EngineError(.invalidRequest, "Broker \(id) is not online.") }
            broker.setStatus(.isolated)
            setListener(id, open: false)
            events.record(.brokerIsolated, broker: id, "Broker \(id) is cut off from clients and peers")
        }
        let timeout = config.settings.int64("broker.session.timeout.ms")
        scheduler.schedule(afterMs: timeout) { [weak self] in
            self?.fenceIfStillIsolated(id)
        }
    }

    private func fenceIfStillIsolated(_ id: Int32) {
        changeLock.withLock { _ in
            guard broker(id)?.status == .isolated, live.withLock({ $0.contains(id) }) else { return }
            events.record(.brokerDown, broker: id, "Broker \(id) missed its session timeout and was fenced by the controller")
            do { try leave(id) } catch { logger.error("Fencing broker \(id) failed: \(error)") }
        }
    }

    /// Ends every network partition: isolated brokers are reachable again, unfenced, follow the current
    /// leaders and rejoin the in-sync sets.
    public func heal() throws {
        try changeLock.withLock { _ in
            for broker in brokers where broker.status == .isolated {
                broker.setStatus(.online)
                let everyone = live.withLock { live -> Set<Int32> in
                    live.insert(broker.id)
                    return live
                }
                events.record(.brokerHealed, broker: broker.id, "Broker \(broker.id) is reachable again")
                controllerReturned(broker.id)
                apply(try controller.brokerReturned(broker.id, live: everyone))
                for topic in controller.snapshot().topics.values { followLeaders(of: topic, on: broker) }
                setListener(broker.id, open: true)
            }
        }
    }

    /// Makes a broker a slow follower: each of its replica fetches waits `delayMs` first (0 restores it).
    public func setReplicationDelay(broker id: Int32, delayMs: Int) throws {
        let broker = try requireBroker(id)
        broker.fetchDelayMs.store(max(0, delayMs), ordering: .relaxed)
    }

    /// Preferred leader election: partitions (all, or `only`) go back to their first replica where it is
    /// alive and in sync. Returns the partitions whose leader changed.
    @discardableResult
    public func electPreferredLeaders(only: Set<TopicPartition>? = nil) throws -> [PartitionChange] {
        try changeLock.withLock { _ in
            let changes = try controller.electPreferredLeaders(live: liveBrokerIds, only: only)
            apply(changes)
            return changes
        }
    }

    /// Unclean election on request: offline partitions take any live replica as leader, accepting loss.
    @discardableResult
    public func electUncleanLeaders(only: Set<TopicPartition>? = nil) throws -> [PartitionChange] {
        try changeLock.withLock { _ in
            let changes = try controller.electUncleanLeaders(live: liveBrokerIds, only: only)
            apply(changes)
            return changes
        }
    }
}
