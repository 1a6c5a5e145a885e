/// Kafka's rack-unaware replica placement: partition leaders spread round-robin from a random broker,
/// followers shifted so that no two partitions share the same replica list pattern.
public enum ReplicaAssignment {
    public static func assign(partitions: Int, replicationFactor: Int, brokers: [Int32],
                              startIndex: Int? = nil, shift: Int? = nil, firstPartition: Int = 0) -> [[Int32]] {
        let n = brokers.count
        guard n > 0, replicationFactor <= n else { return [] }
        let start = startIndex ?? Int.random(in: 0..<n)
        var nextShift = shift ?? Int.random(in: 0..<n)
        var result: [[Int32]] = []
        for p in firstPartition..<(firstPartition + partitions) {
            if p > 0 && p % n == 0 { nextShift += 1 }
            let first = (p + start) % n
            var replicas = [brokers[first]]
            for j in 0..<(replicationFactor - 1) {
                let offset = 1 + (nextShift + j) % (n - 1)
                replicas.append(brokers[(first + offset) % n])
            }
            result.append(replicas)
        }
        return result
    }
}
