// The assignor's three moves: holding and handing back a departed worker's work, revoking surplus for balance,
// and spreading new work over the least loaded workers (Kafka's `handleLostAssignments`,
// `performLoadBalancingRevocations`, `assignConnectors`/`assignTasks`).
extension IncrementalCooperativeAssignor {
    mutating func handleLostAssignments(_ lost: ConnectorsAndTasks, reassign: inout ConnectorsAndTasks,
                                        workers: inout [WorkerLoad], now: Int64) {
        if lost.isEmpty && !revokedInPrevious {
            resetDelay()
            return
        }
        let activeMembers = Set(workers.map(\.worker))
        if scheduledRebalance <= 0 && activeMembers.isSuperset(of: previousMembers) {
            // Nobody left: some member missed its last assignment. Its work is simply assigned again.
            reassign = reassign.union(lost)
            return
        }
        if maxDelayMs == 0 {
            reassign = reassign.union(lost)
            return
        }
        if scheduledRebalance > 0 && now >= scheduledRebalance {
            // The delay is over: the workers that joined empty meanwhile (the departed one back, say) take the
            // lost work round robin; with none, it is new work for everyone.
            let candidates = workers.indices.filter { candidateWorkersForReassignment.contains(workers[$0].worker) }
            if candidates.isEmpty {
                reassign = reassign.union(lost)
            } else {
                for (offset, name) in lost.connectors.sorted().enumerated() {
                    workers[candidates[offset % candidates.count]].connectors.append(name)
                }
                for (offset, id) in lost.tasks.sorted().enumerated() {
                    workers[candidates[offset % candidates.count]].tasks.append(id)
                }
            }
            resetDelay()
            revokedInPrevious = false
        } else {
            candidateWorkersForReassignment.formUnion(workers.filter(\.isEmpty).map(\.worker))
            if now < scheduledRebalance {
                let remaining = scheduledRebalance - now
                delay = Int32(remaining > 0 ? min(remaining, maxDelayMs) : 0)
            } else {
                delay = Int32(maxDelayMs)
            }
            scheduledRebalance = now + Int64(delay)
        }
    }

    mutating func resetDelay() {
        candidateWorkersForReassignment = []
        scheduledRebalance = 0
        delay = 0
    }

    /// Per worker, what it must give up so that none runs more than its balanced share of connectors and of tasks.
    static func loadBalancingRevocations(configured: ConnectorsAndTasks, workers: [WorkerLoad]) -> [String: ConnectorsAndTasks] {
        if workers.allSatisfy(\.isEmpty) || configured.isEmpty { return [:] }
        var result: [String: ConnectorsAndTasks] = [:]
        for (worker, names) in surplus(total: configured.connectors.count, workers: workers, allocation: \.connectors) {
            result[worker, default: ConnectorsAndTasks()].connectors.formUnion(names)
        }
        for (worker, ids) in surplus(total: configured.tasks.count, workers: workers, allocation: \.tasks) {
            result[worker, default: ConnectorsAndTasks()].tasks.formUnion(ids)
        }
        return result
    }

    /// Kafka's `loadBalancingRevocations`: each worker may keep `total / workers`, the first `total % workers` of
    /// those above that one more; the rest goes, taken from the front of the worker's allocation.
    private static func surplus<E>(total: Int, workers: [WorkerLoad], allocation: (WorkerLoad) -> [E]) -> [String: [E]] {
        let minimum = total / workers.count
        let extras = total % workers.count
        let sizes = workers.map { allocation($0).count }
        if sizes.filter({ $0 == minimum + 1 }).count == extras && sizes.allSatisfy({ $0 == minimum || $0 == minimum + 1 }) {
            return [:]
        }
        var result: [String: [E]] = [:]
        var allocatedExtras = 0
        for worker in workers {
            let items = allocation(worker)
            if items.count <= minimum { continue }
            var keep = minimum
            if allocatedExtras < extras {
                allocatedExtras += 1
                if items.count == minimum + 1 { continue }
                keep = minimum + 1
            }
            result[worker.worker] = Array(items.prefix(items.count - keep))
        }
        return result
    }

    /// Round robin over the least loaded workers: sorted by load (then id), each round gives one item to every
    /// worker as loaded as the first.
    static func spread<E>(_ items: [E], over workers: inout [WorkerLoad], size: (WorkerLoad) -> Int,
                          add: (inout WorkerLoad, E) -> Void) {
        guard !workers.isEmpty, !items.isEmpty else { return }
        workers.sort { (size($0), $0.worker) < (size($1), $1.worker) }
        var remaining = items[...]
        while !remaining.isEmpty {
            let firstLoad = size(workers[0])
            let upTo = workers.firstIndex { size($0) > firstLoad } ?? workers.count
            for index in 0..<upTo {
                guard let item = remaining.popFirst() else { break }
                add(&workers[index], item)
            }
        }
    }
}
