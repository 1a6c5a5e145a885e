/// The order in which the engine's locks may be taken: a thread holding a lock may only take locks
/// further down this list, never one above it. Every lock is a `Mutex` owned by one object; "leaf" locks
/// call out to nothing while held.
///
/// 1. `Cluster.changeLock` — liveness and leadership changes, so the controller's decisions reach the
///    brokers in order. Held while replicas change role, which loads or unloads group coordinators.
/// 2. `GroupCoordinator.state` — all groups of one broker's coordinator. Held while it appends to
///    `__consumer_offsets` (through `Partition.state`) and while it asks the controller for topics.
///    `TransactionCoordinator.state`, its peer, likewise for `__transaction_state` and producer ids; the
///    two never take each other's lock (markers reach the group coordinator after replication, lock-free).
/// 3. `Controller.producerIds`, then `Controller.state` — the metadata; held while a change is journaled
///    (`MetadataStore`, then `JournalFile.end`, both leaves).
/// 4. `Partition.state` — role, high watermark, waiters; held for an append (through the log's locks).
///    Waiters are woken and produce acks completed only after it is released, since their callbacks may
///    take any lock above.
/// 5. `DiskLog.cleanerLock`, then `DiskLog.state` (or `MemoryLog`'s pair) — segments; file I/O happens
///    under `state` for appends and truncation, reads only locate their segment under it.
///
/// Leaves, taken last and alone: `Cluster.live`, `crashedUntil`, `listenerHook`, `loops`,
/// `lastHighWatermarks`, `Broker.replicas`/`statusValue`, `ReplicaFetcher.state`, `DelayedFetch.state`,
/// `ClusterEvents`, `BackgroundScheduler.state`, and in the server `RequestHandlerPool.state` and
/// `KafkaServer.listeners`/`accepted`.
///
/// Threads: the NIO event loops only frame, decode and write (no lock above is held long there, and no
/// disk I/O happens there: `SamsaStorage` checks that in debug builds). Requests run on the server's
/// request-handler pool, replication on each broker's replica-fetcher queue, timers and periodic work on
/// the cluster's `BackgroundScheduler`.
enum LockOrder {}
