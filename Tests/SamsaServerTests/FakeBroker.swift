import NIOCore
import NIOPosix
import SamsaClient
import SamsaProtocol
import Synchronization

/// A one-broker "cluster" on loopback whose answers a test scripts per API, to drive a client through
/// broker behaviour a real broker shows only rarely (CONCURRENT_TRANSACTIONS, fencing, lost sequences).
/// It answers ApiVersions and Metadata itself (every topic asked for has `partitions` partitions led by it).
final class FakeBroker: Sendable {
    typealias Route = @Sendable (Int16, ByteBuffer) throws -> ByteBuffer

    struct Routes: Sendable {
        var table: [APIKey: Route] = [:]
        var descriptors: [APIKey: APIDescriptor] = [:]

        /// Answers requests of type `R` with `answer` (given the decoded request and its version).
        mutating func on<R: KafkaRequest>(_ type: R.Type, _ answer: @escaping @Sendable (R, Int16) -> R.Response) {
            descriptors[R.apiKey] = APIDescriptor(type)
            table[R.apiKey] = { version, body in R.encodeResponse(answer(try R.decode(body, version: version), version), version: version) }
        }
    }

    /// API keys of the requests received, in order.
    final class RequestLog: Sendable {
        let keys = Mutex<[APIKey]>([])
    }

    let channel: Channel
    let group: MultiThreadedEventLoopGroup
    let log: RequestLog

    var address: BrokerAddress { BrokerAddress(host: "127.0.0.1", port: channel.localAddress?.port ?? 0) }

    private init(channel: Channel, group: MultiThreadedEventLoopGroup, log: RequestLog) {
        self.channel = channel
        self.group = group
        self.log = log
    }

    static func start(partitions: Int32 = 1, _ configure: (inout Routes) -> Void) async throws -> FakeBroker {
        var routes = Routes()
        configure(&routes)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let port = Mutex<Int32>(0)
        let log = RequestLog()
        routes.on(MetadataRequest.self) { request, _ in
            MetadataResponse(brokers: [.init(nodeId: 0, host: "127.0.0.1", port: port.withLock { $0 })], controllerId: 0,
                             topics: (request.topics ?? []).compactMap(\.name).map { name in
                                 .init(name: name, partitions: (0..<partitions).map { .init(partitionIndex: $0, leaderId: 0, replicaNodes: [0], isrNodes: [0]) })
                             })
        }
        routes.on(FindCoordinatorRequest.self) { request, version in
            FindCoordinatorResponse(coordinators: request.keys(version: version).map {
                .init(key: $0, nodeId: 0, host: "127.0.0.1", port: port.withLock { $0 })
            }, version: version)
        }
        let finished = routes
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: 1 << 24)))
                    try child.pipeline.syncOperations.addHandler(Handler(routes: finished, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port.withLock { $0 = Int32(channel.localAddress?.port ?? 0) }
        return FakeBroker(channel: channel, group: group, log: log)
    }

    /// The API keys received so far, in order (ApiVersions, Metadata and FindCoordinator left out).
    var requests: [APIKey] {
        log.keys.withLock { $0 }.filter { ![.apiVersions, .metadata, .findCoordinator].contains($0) }
    }

    func stop() {
        channel.close(promise: nil)
        group.shutdownGracefully { _ in }
    }

    private final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let routes: Routes
        let log: RequestLog

        init(routes: Routes, log: RequestLog) {
            self.routes = routes
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var frame = unwrapInboundIn(data)
            do {
                let (key, version, correlation) = try RequestHeader.readPrefix(&frame)
                log.keys.withLock { $0.append(key) }
                let body: ByteBuffer
                let flexible: Bool
                if key == .apiVersions {
                    flexible = false
                    var ranges = routes.descriptors.values.map {
                        ApiVersionsResponse.APIRange(apiKey: $0.apiKey.rawValue, minVersion: $0.versions.lowerBound, maxVersion: $0.versions.upperBound)
                    }
                    ranges.append(.init(apiKey: APIKey.apiVersions.rawValue, minVersion: 0, maxVersion: 3))
                    body = ApiVersionsRequest.encodeResponse(ApiVersionsResponse(apiKeys: ranges), version: version)
                } else {
                    guard let route = routes.table[key], let descriptor = routes.descriptors[key] else { return }
                    flexible = descriptor.isFlexible(version)
                    var header = RequestHeader(apiKey: key, apiVersion: version, correlationId: correlation, clientId: nil)
                    var reader = KafkaReader(frame)
                    try header.readRemainder(from: &reader, flexible: flexible)
                    body = try route(version, reader.buffer)
                }
                var out = context.channel.allocator.buffer(capacity: body.readableBytes + 16)
                out.writeInteger(0 as Int32)
                ResponseHeader.write(correlationId: correlation, taggedFields: ResponseHeader.usesTaggedFields(apiKey: key, flexibleRequest: flexible), to: &out)
                var payload = body
                out.writeBuffer(&payload)
                out.setInteger(Int32(out.readableBytes - 4), at: out.readerIndex)
                context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            } catch {
                context.close(promise: nil)
            }
        }
    }
}
