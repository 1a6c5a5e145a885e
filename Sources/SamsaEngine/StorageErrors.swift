import SamsaProtocol
import SamsaStorage

/// Translates storage failures into the error codes clients understand.
enum StorageErrors {
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw engineError(error)
        }
    }

    static func engineError(_ error: StorageError) -> EngineError {
        switch error {
        case .offsetOutOfRange(let requested, let start, let end):
            return EngineError(.offsetOutOfRange, "Offset \(requested) is outside the log's range \(start)…\(end).")
        case .recordTooLarge(let size, let limit):
            return EngineError(.messageTooLarge, "A record batch of \(size) bytes exceeds max.message.bytes (\(limit)).")
        case .invalidBatch(let why):
            return EngineError(.corruptMessage, "Invalid record batch: \(why)")
        default:
            return EngineError(.kafkaStorageError, "Storage error: \(error)")
        }
    }
}
