/// `ByteTable` over a RocksDB database. Every mutation is a write batch (WAL disabled).
struct RocksDBTable: ByteTable {
    let db: RocksDB

    func get(_ key: [UInt8]) throws -> [UInt8]? { try db.get(key) }

    func put(_ key: [UInt8], _ value: [UInt8]) throws { try db.write([(key, value)]) }

    func delete(_ key: [UInt8]) throws { try db.write([(key, nil)]) }

    func deleteRange(from: [UInt8], until: [UInt8]) throws { try db.write([], deleteRange: (from, until)) }

    func scan(from: [UInt8]?, through: [UInt8]?, _ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        try db.scan(from: from) { key, value in
            if let through, StoreBytes.less(through, key) { return false }
            return try body(key, value)
        }
    }

    func write(_ batch: [(key: [UInt8], value: [UInt8]?)]) throws { try db.write(batch) }

    var count: Int { db.estimatedKeys }

    func flush() throws { try db.flush() }

    func close() { db.close() }
}
