import NIOCore
import NIOPosix
import SamsaProtocol
import Synchronization

/// One TCP connection to one broker, with the API versions it negotiated at connect time. Requests may
/// be pipelined; answers come back in order.
///
/// Thread-safety: all methods may be called concurrently from any task.
public final class BrokerConnection: Sendable {
    public let address: BrokerAddress
    let channel: Channel
    private let clientId: String
    private let requestTimeout: TimeAmount
    private let nextCorrelation = Atomic<Int32>(1)
    private let brokerVersions: Mutex<[Int16: ClosedRange<Int16>]> = Mutex([:])

    private init(address: BrokerAddress, channel: Channel, clientId: String, requestTimeout: TimeAmount) {
        self.address = address
        self.channel = channel
        self.clientId = clientId
        self.requestTimeout = requestTimeout
    }

    /// Connects and negotiates versions with ApiVersions (v3, falling back to v0 as KIP-511 allows).
    public static func connect(to address: BrokerAddress, group: EventLoopGroup, clientId: String = "samsa",
                               connectTimeout: TimeAmount = .seconds(10),
                               requestTimeout: TimeAmount = .seconds(30)) async throws -> BrokerConnection {
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536, maximum: 4 << 20))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: 1 << 30)))
                    try channel.pipeline.syncOperations.addHandler(ResponseRouter(address: address.description))
                }
            }
        let channel: Channel
        do {
            // An IP literal needs no lookup: connecting to its address skips NIO's happy-eyeballs resolver,
            // whose pending IPv4/IPv6 lookups can outlive a connect that already finished (a debug build then
            // traps on the leaked promise when the loop shuts down; seen once in the suite).
            if let literal = try? SocketAddress(ipAddress: address.host, port: address.port) {
                channel = try await bootstrap.connect(to: literal).get()
            } else {
                channel = try await bootstrap.connect(host: address.host, port: address.port).get()
            }
        } catch {
            throw ClientError.connectionFailed(address.description, Self.describe(error))
        }
        let connection = BrokerConnection(address: address, channel: channel, clientId: clientId, requestTimeout: requestTimeout)
        do {
            try await connection.negotiateVersions()
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    private static func describe(_ error: Error) -> String {
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED { return "connection refused (is a broker running there?)" }
        if error is ChannelError { return "\(error)" }
        return "\(error)"
    }

    private func negotiateVersions() async throws {
        var response = try await send(ApiVersionsRequest(clientSoftwareName: "samsa", clientSoftwareVersion: "1.0"), version: 3)
        if response.errorCode == .unsupportedVersion {
            response = try await send(ApiVersionsRequest(), version: 0)
        }
        guard response.errorCode == .none else { throw ClientError.broker(response.errorCode, "ApiVersions failed") }
        brokerVersions.withLock { table in
            for range in response.apiKeys where range.minVersion <= range.maxVersion {
                table[range.apiKey] = range.minVersion...range.maxVersion
            }
        }
    }

    /// The highest version of `R` both sides speak.
    public func version<R: KafkaRequest>(for type: R.Type) throws -> Int16 {
        guard let theirs = brokerVersions.withLock({ $0[R.apiKey.rawValue] }) else {
            throw ClientError.unsupportedAPI(R.apiKey.name)
        }
        let high = min(theirs.upperBound, R.versions.upperBound)
        guard high >= max(theirs.lowerBound, R.versions.lowerBound) else {
            throw ClientError.unsupportedAPI("\(R.apiKey.name) at any version samsa speaks")
        }
        return high
    }

    public func supports(_ key: APIKey) -> Bool { brokerVersions.withLock { $0[key.rawValue] != nil } }

    /// Sends a request and waits for its response, at most `timeout` (default: the client's request
    /// timeout; a JoinGroup may legitimately wait as long as the group's rebalance timeout).
    public func send<R: KafkaRequest>(_ request: R, version: Int16? = nil, timeout: TimeAmount? = nil) async throws -> R.Response {
        let version = try version ?? self.version(for: R.self)
        // A closed connection (its client closed, perhaps its event loops shut down) gets no promise: one made on a
        // loop that can no longer run the write's failure would never complete.
        guard channel.isActive else { throw ClientError.connectionClosed(address.description) }
        let (frame, correlationId) = encode(request, version: version)
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        let timeout = channel.eventLoop.scheduleTask(in: timeout ?? requestTimeout) { [channel, address] in
            promise.fail(ClientError.timedOut("\(R.apiKey.name) from \(address)"))
            channel.close(promise: nil)
        }
        let outbound = OutboundRequest(frame: frame, correlationId: correlationId) { result in
            timeout.cancel()
            promise.completeWith(result)
        }
        channel.writeAndFlush(outbound).whenFailure { error in
            timeout.cancel()
            promise.fail(error)
        }
        var body = try await promise.futureResult.get()
        let tagged = ResponseHeader.usesTaggedFields(apiKey: R.apiKey, flexibleRequest: R.isFlexible(version))
        if tagged {
            var reader = KafkaReader(body, flexible: true)
            try reader.readTaggedFields()
            body = reader.buffer
        }
        return try R.decodeResponse(body, version: version)
    }

    /// Sends a request that gets no response (a produce with acks=0).
    public func sendWithoutResponse<R: KafkaRequest>(_ request: R, version: Int16? = nil) async throws {
        let version = try version ?? self.version(for: R.self)
        guard channel.isActive else { throw ClientError.connectionClosed(address.description) }
        let (frame, correlationId) = encode(request, version: version)
        try await channel.writeAndFlush(OutboundRequest(frame: frame, correlationId: correlationId, completion: nil)).get()
    }

    private func encode<R: KafkaRequest>(_ request: R, version: Int16) -> (ByteBuffer, Int32) {
        let correlationId = nextCorrelation.wrappingAdd(1, ordering: .relaxed).oldValue
        let flexible = R.isFlexible(version)
        var writer = KafkaWriter(buffer: channel.allocator.buffer(capacity: 256), flexible: flexible)
        writer.buffer.writeInteger(0 as Int32)
        RequestHeader(apiKey: R.apiKey, apiVersion: version, correlationId: correlationId, clientId: clientId)
            .write(to: &writer, flexible: flexible)
        request.write(to: &writer, version: version)
        writer.buffer.setInteger(Int32(writer.buffer.readableBytes - 4), at: writer.buffer.readerIndex)
        return (writer.buffer, correlationId)
    }

    public var isActive: Bool { channel.isActive }

    public func close() {
        channel.close(promise: nil)
    }
}
