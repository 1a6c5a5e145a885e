/// The layout the window and session stores share in one `ByteTable`: data rows under prefix 0x00 keyed
/// exactly as Kafka's changelog key (so restore is a copy), a time index under 0x01 (expiry time, sign-
/// flipped so it sorts numerically, then the data key) that makes expiry a range scan instead of a full one,
/// and the observed stream time under 0x02 so a reopened RocksDB store expires as before it closed.
///
/// Kafka's segmented stores drop whole segments; this drops exactly the expired rows, which is what a reader
/// can see either way (Kafka's reads filter out expired rows of live segments too).
struct TimeIndexedTable {
    private static let dataPrefix: UInt8 = 0x00
    private static let indexPrefix: UInt8 = 0x01
    private static let observedKey: [UInt8] = [0x02]

    var table: any ByteTable
    let retentionMs: Int64
    /// Kafka's observedStreamTime: the largest timestamp put (window start, or session end).
    private(set) var observedStreamTime: Int64 = .min

    init(table: sending any ByteTable, retentionMs: Int64) throws {
        self.table = table
        self.retentionMs = retentionMs
        if let stored = try table.get(Self.observedKey), stored.count == 8 {
            observedStreamTime = StoreBytes.readInt64(stored, at: 0)
        }
    }

    /// Rows with time <= this are expired: `observedStreamTime - retentionMs`.
    var expiryThreshold: Int64 {
        let (value, overflow) = observedStreamTime.subtractingReportingOverflow(retentionMs)
        return overflow ? .min : value
    }

    func isExpired(_ time: Int64) -> Bool { time <= expiryThreshold }

    static func dataKey(_ storeKey: [UInt8]) -> [UInt8] { [dataPrefix] + storeKey }

    private static func indexKey(time: Int64, storeKey: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [indexPrefix]
        out.reserveCapacity(9 + storeKey.count)
        StoreBytes.appendOrderedInt64(time, to: &out)
        out.append(contentsOf: storeKey)
        return out
    }

    func get(_ storeKey: [UInt8]) throws -> [UInt8]? { try table.get(Self.dataKey(storeKey)) }

    /// Rows from `batch` added to `pending`: the data row and its index row.
    static func stage(_ storeKey: [UInt8], time: Int64, value: [UInt8]?,
                      into pending: inout [(key: [UInt8], value: [UInt8]?)]) {
        pending.append((dataKey(storeKey), value))
        pending.append((indexKey(time: time, storeKey: storeKey), value == nil ? nil : []))
    }

    /// Raises the observed stream time to `time`; true when it moved (so rows may have expired).
    mutating func observe(_ time: Int64) -> Bool {
        guard time > observedStreamTime else { return false }
        observedStreamTime = time
        return true
    }

    /// Writes `pending` plus the observed time, then drops what the observed time has expired.
    mutating func commit(_ pending: [(key: [UInt8], value: [UInt8]?)], observedMoved: Bool) throws {
        var batch = pending
        if observedMoved {
            var bytes: [UInt8] = []
            StoreBytes.appendInt64(observedStreamTime, to: &bytes)
            batch.append((Self.observedKey, bytes))
        }
        if !batch.isEmpty { try table.write(batch) }
        if observedMoved { try removeExpired() }
    }

    private mutating func removeExpired() throws {
        let threshold = expiryThreshold
        guard threshold > .min else { return }
        var doomed: [(key: [UInt8], value: [UInt8]?)] = []
        try table.scan(from: [Self.indexPrefix], through: nil) { key, _ in
            guard key.first == Self.indexPrefix, StoreBytes.readOrderedInt64(key, at: 1) <= threshold else { return false }
            doomed.append((Self.dataKey(Array(key[9...])), nil))
            return true
        }
        guard !doomed.isEmpty else { return }
        try table.write(doomed)
        var until: [UInt8] = [Self.indexPrefix]
        StoreBytes.appendOrderedInt64(threshold + 1, to: &until)
        try table.deleteRange(from: [Self.indexPrefix], until: until)
    }

    /// Data rows with `from <= storeKey <= through` in store-key order.
    func scanData(from: [UInt8], through: [UInt8], _ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        try table.scan(from: Self.dataKey(from), through: Self.dataKey(through)) { key, value in
            try body(Array(key[1...]), value)
        }
    }

    /// Every data row in store-key order.
    func scanAllData(_ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        try table.scan(from: [Self.dataPrefix], through: nil) { key, value in
            guard key.first == Self.dataPrefix else { return false }
            return try body(Array(key[1...]), value)
        }
    }

    func dataRowCount() throws -> Int {
        var n = 0
        try scanAllData { _, _ in n += 1; return true }
        return n
    }

    /// Data rows whose index time is in `from...to`, in time order.
    func scanByTime(from: Int64, to: Int64, _ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        guard from <= to else { return }
        var start: [UInt8] = [Self.indexPrefix]
        StoreBytes.appendOrderedInt64(from, to: &start)
        try table.scan(from: start, through: nil) { key, _ in
            guard key.first == Self.indexPrefix, StoreBytes.readOrderedInt64(key, at: 1) <= to else { return false }
            let storeKey = Array(key[9...])
            guard let value = try table.get(Self.dataKey(storeKey)) else { return true }
            return try body(storeKey, value)
        }
    }
}
