import NIOCore
import SamsaEngine
import SamsaProtocol

/// Routes decoded requests to handlers by API key. The APIs registered here are exactly the ones
/// ApiVersions advertises, so a client is never told about an API the broker cannot serve.
public struct RequestDispatcher: Sendable {
    /// Decodes the body, runs the handler and encodes the response body into `frame` (after the header).
    typealias Entry = @Sendable (_ body: ByteBuffer, _ context: RequestContext) throws -> Reply<EncodedResponse>

    public private(set) var registry = APIRegistry()
    private var entries: [Int16: Entry] = [:]

    public init() {}

    public mutating func register<R: KafkaRequest>(
        _ type: R.Type, _ handler: @escaping @Sendable (R, RequestContext) throws -> Reply<R.Response>
    ) {
        registry.register(type)
        entries[R.apiKey.rawValue] = { body, context in
            let request = try R.decode(body, version: context.version)
            let version = context.version
            switch try handler(request, context) {
            case .now(let response):
                return .now(EncodedResponse { writer in response.write(to: &writer, version: version) })
            case .later(let future):
                return .later(future.map { response in EncodedResponse { writer in response.write(to: &writer, version: version) } })
            case .none:
                return .none
            }
        }
    }

    func entry(for key: APIKey) -> Entry? { entries[key.rawValue] }
}

/// A response body waiting to be written into its frame, so it is encoded once, in place.
public struct EncodedResponse: Sendable {
    let write: @Sendable (inout KafkaWriter) -> Void
}
