extension Format {
    /// Sorted numbers with consecutive runs folded: `[9092, 9093, 9094, 9096]` → `9092-9094,9096`.
    static func ranges<N: BinaryInteger>(_ sorted: [N]) -> String {
        var runs: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            runs.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return runs.joined(separator: ",")
    }
}
