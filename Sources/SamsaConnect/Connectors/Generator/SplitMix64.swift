/// A small seedable random generator (SplitMix64), so `random.seed` gives the same records on every machine
/// and the seed to continue from fits in a source offset, as Datagen stores its `random.seed`.
struct SplitMix64: RandomNumberGenerator {
    private(set) var state: UInt64

    init(seed: Int64) { state = UInt64(bitPattern: seed) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A fresh 64-bit seed drawn from this generator (Datagen's `random.nextLong()`).
    mutating func nextSeed() -> Int64 { Int64(bitPattern: next()) }
}
