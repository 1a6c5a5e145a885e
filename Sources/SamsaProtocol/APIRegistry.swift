/// What one implemented request type supports: the facts ApiVersions advertises and the framing layer
/// needs (which versions use flexible headers).
public struct APIDescriptor: Sendable, Equatable {
    public var apiKey: APIKey
    public var versions: ClosedRange<Int16>
    public var firstFlexibleVersion: Int16?

    public init<R: KafkaRequest>(_ type: R.Type) {
        apiKey = R.apiKey
        versions = R.versions
        firstFlexibleVersion = R.firstFlexibleVersion
    }

    public func isFlexible(_ version: Int16) -> Bool {
        guard let first = firstFlexibleVersion else { return false }
        return version >= first
    }
}

/// The set of APIs a broker serves, keyed by API key. The ApiVersions answer is built from it, so a
/// broker advertises exactly the versions it can decode.
public struct APIRegistry: Sendable {
    public private(set) var descriptors: [APIKey: APIDescriptor] = [:]

    public init() {}

    public mutating func register<R: KafkaRequest>(_ type: R.Type) {
        descriptors[R.apiKey] = APIDescriptor(type)
    }

    public func descriptor(for key: APIKey) -> APIDescriptor? { descriptors[key] }

    public var apiVersionRanges: [ApiVersionsResponse.APIRange] {
        descriptors.values
            .sorted { $0.apiKey.rawValue < $1.apiKey.rawValue }
            .map { .init(apiKey: $0.apiKey.rawValue, minVersion: $0.versions.lowerBound, maxVersion: $0.versions.upperBound) }
    }
}
