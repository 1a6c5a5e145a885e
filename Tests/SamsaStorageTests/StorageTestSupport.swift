import Foundation
import NIOCore
import SamsaProtocol
@testable import SamsaStorage

/// A unique temp directory removed when the test ends.
final class TempDirectory {
    let path = NSTemporaryDirectory() + "samsa-storage-\(UUID().uuidString)"
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func sub(_ name: String) -> String { path + "/" + name }
}

/// A batch of `count` records "<prefix>-<i>" with the given timestamps (default 1000 + i).
func makeBatch(_ prefix: String, count: Int = 1, timestamps: [Int64]? = nil, producerId: Int64 = -1, sequence: Int32 = -1) -> ByteBuffer {
    var builder = RecordBatchBuilder()
    builder.producerId = producerId
    builder.producerEpoch = producerId >= 0 ? 0 : -1
    builder.baseSequence = sequence
    for i in 0..<count {
        builder.append(key: nil, value: ByteBuffer(string: "\(prefix)-\(i)"), timestamp: timestamps?[i] ?? 1000 + Int64(i))
    }
    return builder.build()
}

/// Values of every record in `buffer`, in order.
func values(_ buffer: ByteBuffer) throws -> [String] {
    try RecordBatch.decodeAll(buffer).flatMap { batch in batch.records.map { String(buffer: $0.value!) } }
}

func baseOffsets(_ buffer: ByteBuffer) throws -> [Int64] {
    try RecordBatch.decodeAll(buffer).map(\.header.baseOffset)
}

enum LogKind: String, CaseIterable, CustomStringConvertible {
    case disk, memory
    var description: String { rawValue }

    func make(_ dir: TempDirectory, config: LogConfig = LogConfig()) throws -> PartitionLog {
        switch self {
        case .disk: return try DiskLog.open(directory: dir.sub("t-0"), config: config)
        case .memory: return MemoryLog(config: config)
        }
    }
}
