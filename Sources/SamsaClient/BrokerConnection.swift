import NIOCore
import NIOPosix
import NIOSSL
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
    /// The login to repeat when the broker's session expires (KIP-368).
    let sasl: ClientSecurity.SASL?
    /// While a re-authentication runs, new requests wait for it (see `BrokerConnection+Sasl.swift`).
    let reauthentication: Mutex<Task<Void, Error>?> = Mutex(nil)

    private init(address: BrokerAddress, channel: Channel, clientId: String, requestTimeout: TimeAmount,
                 sasl: ClientSecurity.SASL?) {
        self.address = address
        self.channel = channel
        self.clientId = clientId
        self.requestTimeout = requestTimeout
        self.sasl = sasl
    }

    /// Connects (through TLS when `tls` is given), negotiates versions with ApiVersions (v3, falling back to v0
    /// as KIP-511 allows) and logs in with `sasl`, all before the connection is handed out.
    public static func connect(to address: BrokerAddress, group: EventLoopGroup, clientId: String = "samsa",
                               connectTimeout: TimeAmount = .seconds(10),
                               requestTimeout: TimeAmount = .seconds(30),
                               tls: NIOSSLContext? = nil, sasl: ClientSecurity.SASL? = nil) async throws -> BrokerConnection {
        // SNI and hostname checks use the name dialled; for an IP literal NIOSSL checks the certificate's IP entries.
        let serverHostname = (try? SocketAddress(ipAddress: address.host, port: 0)) == nil ? address.host : nil
        let tlsFailure = TLSFailureRecorder()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536, maximum: 4 << 20))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                        try channel.pipeline.syncOperations.addHandler(tlsFailure)
                    }
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
        let connection = BrokerConnection(address: address, channel: channel, clientId: clientId,
                                          requestTimeout: requestTimeout, sasl: sasl)
        do {
            try await connection.negotiateVersions()
            if sasl != nil { try await connection.authenticate() }
        } catch {
            connection.close()
            if tls != nil, let failure = tlsFailure.error ?? (TLSFailure.isTLSError(error) ? error : nil) {
                throw ClientError.tlsHandshakeFailed(address.description, TLSFailure.reason(failure, host: address.host))
            }
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
        try await send(request, version: version, timeout: timeout, duringLogin: false)
    }

    /// `duringLogin`: a SASL request of the (re-)authentication itself, which must not wait for it.
    func send<R: KafkaRequest>(_ request: R, version: Int16?, timeout: TimeAmount?, duringLogin: Bool) async throws -> R.Response {
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
        do {
            try await write(outbound, duringLogin: duringLogin).whenFailure { error in
                timeout.cancel()
                promise.fail(error)
            }
        } catch {
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
        try await write(OutboundRequest(frame: frame, correlationId: correlationId, completion: nil), duringLogin: false).get()
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

    /// Writes a request unless a re-authentication is under way, in which case it waits for the login first:
    /// the check and the write happen under one lock, so nothing slips between SaslHandshake and SaslAuthenticate.
    private func write(_ outbound: OutboundRequest, duringLogin: Bool) async throws -> EventLoopFuture<Void> {
        while true {
            let login = reauthentication.withLock { pending -> Task<Void, Error>? in
                if let pending, !duringLogin { return pending }
                return nil
            }
            if let login {
                try await login.value
                continue
            }
            // Re-checked under the lock with the write, so a login that began meanwhile is not overtaken.
            let written = reauthentication.withLock { pending -> EventLoopFuture<Void>? in
                if pending != nil, !duringLogin { return nil }
                return channel.writeAndFlush(outbound)
            }
            if let written { return written }
        }
    }

    public var isActive: Bool { channel.isActive }

    public func close() {
        channel.close(promise: nil)
    }
}
