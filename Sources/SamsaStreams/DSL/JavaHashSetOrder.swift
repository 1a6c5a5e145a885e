/// The order a Java `HashSet<String>` iterates its names in. Kafka's `describe()` prints a source's topics and
/// a processor's stores from HashSets, so matching its text means matching this order: by bucket
/// (`(h ^ (h >>> 16)) & (capacity - 1)` of `String.hashCode`), then by insertion within a bucket; the table
/// starts at 16 buckets and doubles past a load of 0.75.
enum JavaHashSetOrder {
    static func sorted(_ names: [String]) -> [String] {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        var capacity = 16
        while unique.count > capacity * 3 / 4 { capacity *= 2 }
        let buckets = unique.map { bucket(of: $0, capacity: capacity) }
        return unique.indices.sorted { (buckets[$0], $0) < (buckets[$1], $1) }.map { unique[$0] }
    }

    /// Java's `String.hashCode` over UTF-16 code units, spread as `HashMap.hash` does.
    static func bucket(of name: String, capacity: Int) -> Int {
        var h: Int32 = 0
        for unit in name.utf16 { h = h &* 31 &+ Int32(unit) }
        let spread = h ^ Int32(bitPattern: UInt32(bitPattern: h) >> 16)
        return Int(spread) & (capacity - 1)
    }
}
