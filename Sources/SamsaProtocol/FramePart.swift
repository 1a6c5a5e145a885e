import NIOCore

/// Record batches left in a file until they are written to a socket with sendfile, so a fetch served from
/// a log segment is never copied through the broker's memory. `owner` keeps `descriptor` open until then.
public struct FileRecords: Sendable, Equatable {
    public let descriptor: CInt
    public let position: Int
    public let count: Int
    public let owner: any AnyObject & Sendable

    public init(descriptor: CInt, position: Int, count: Int, owner: any AnyObject & Sendable) {
        self.descriptor = descriptor
        self.position = position
        self.count = count
        self.owner = owner
    }

    public static func == (lhs: FileRecords, rhs: FileRecords) -> Bool {
        lhs.descriptor == rhs.descriptor && lhs.position == rhs.position && lhs.count == rhs.count && lhs.owner === rhs.owner
    }
}

/// A piece of an encoded frame: bytes in memory, or bytes still in a file.
public enum FramePart: Sendable {
    case bytes(ByteBuffer)
    case file(FileRecords)

    public var count: Int {
        switch self {
        case .bytes(let buffer): buffer.readableBytes
        case .file(let records): records.count
        }
    }
}
