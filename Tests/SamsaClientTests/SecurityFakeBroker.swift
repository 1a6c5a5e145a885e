import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SamsaProtocol
import Synchronization
@testable import SamsaClient

/// A test-only broker on NIO that speaks just enough Kafka for a login: ApiVersions, SaslHandshake v0–1 and
/// SaslAuthenticate v0–2 with PLAIN and SCRAM (the contract's `ScramMechanism` on the server side), optionally
/// behind TLS. It proves the client's exchange end to end without the real broker.
final class SecurityFakeBroker: Sendable {
    struct Settings: Sendable {
        var tls: NIOSSLContext?
        var mechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
        var users: [String: String] = [:]
        /// Answered in SaslAuthenticate v1+ (KIP-368).
        var sessionLifetimeMs: Int64 = 0
        /// A server that does not know the credential: its SCRAM signature is wrong.
        var forgeServerSignature = false
    }

    let settings: Settings
    let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let counters: Counters

    init(_ settings: Settings, group: MultiThreadedEventLoopGroup) async throws {
        self.settings = settings
        self.group = group
        let box = Counters()
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let tls = settings.tls { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameSize: 1 << 20)))
                    try child.pipeline.syncOperations.addHandler(FakeBrokerHandler(settings: settings, counters: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        counters = box
    }

    /// Successful logins (first ones and re-authentications).
    var loginCount: Int { counters.logins.load(ordering: .relaxed) }
    var requestCount: Int { counters.requests.load(ordering: .relaxed) }

    var address: BrokerAddress { BrokerAddress(host: "127.0.0.1", port: channel.localAddress!.port!) }

    func stop() async { try? await channel.close() }

    /// Runs `body` against a fresh broker on its own event loop, and stops both however `body` ends.
    static func with(_ settings: Settings, _ body: (SecurityFakeBroker) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let broker = try await SecurityFakeBroker(settings, group: group)
        let result: Result<Void, Error>
        do { result = .success(try await body(broker)) } catch { result = .failure(error) }
        await broker.stop()
        try await group.shutdownGracefully()
        try result.get()
    }

    final class Counters: Sendable {
        let logins = Atomic<Int>(0)
        let requests = Atomic<Int>(0)
    }
}

/// One connection's side of the fake broker.
private final class FakeBrokerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let settings: SecurityFakeBroker.Settings
    let counters: SecurityFakeBroker.Counters
    private var mechanism: String?
    private var scram: (mechanism: ScramMechanism, credential: ScramCredential, clientFirstBare: String, serverFirst: String)?

    init(settings: SecurityFakeBroker.Settings, counters: SecurityFakeBroker.Counters) {
        self.settings = settings
        self.counters = counters
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var frame = unwrapInboundIn(data)
        do {
            let (key, version, correlation) = try RequestHeader.readPrefix(&frame)
            counters.requests.add(1, ordering: .relaxed)
            var header = RequestHeader(apiKey: key, apiVersion: version, correlationId: correlation, clientId: nil)
            let flexible: Bool
            switch key {
            case .apiVersions: flexible = version >= 3
            case .saslAuthenticate: flexible = version >= 2
            default: flexible = false
            }
            var reader = KafkaReader(frame, flexible: false)
            try header.readRemainder(from: &reader, flexible: flexible)
            var writer = KafkaWriter(buffer: context.channel.allocator.buffer(capacity: 128), flexible: flexible)
            writer.buffer.writeInteger(0 as Int32)
            ResponseHeader.write(correlationId: correlation, taggedFields: flexible && key != .apiVersions, to: &writer.buffer)
            switch key {
            case .apiVersions:
                ApiVersionsResponse(apiKeys: [
                    .init(apiKey: APIKey.apiVersions.rawValue, minVersion: 0, maxVersion: 3),
                    .init(apiKey: APIKey.saslHandshake.rawValue, minVersion: 0, maxVersion: 1),
                    .init(apiKey: APIKey.saslAuthenticate.rawValue, minVersion: 0, maxVersion: 2),
                ]).write(to: &writer, version: version)
            case .saslHandshake:
                let request = try SaslHandshakeRequest(from: &reader, version: version)
                let known = settings.mechanisms.contains(request.mechanism)
                mechanism = known ? request.mechanism : nil
                SaslHandshakeResponse(errorCode: known ? .none : .unsupportedSaslMechanism, mechanisms: settings.mechanisms)
                    .write(to: &writer, version: version)
            case .saslAuthenticate:
                let request = try SaslAuthenticateRequest(from: &reader, version: version)
                authenticate(request.authBytes).write(to: &writer, version: version)
            default:
                context.close(promise: nil)
                return
            }
            writer.buffer.setInteger(Int32(writer.buffer.readableBytes - 4), at: 0)
            context.writeAndFlush(wrapOutboundOut(writer.buffer), promise: nil)
        } catch {
            context.close(promise: nil)
        }
    }

    private func failed() -> SaslAuthenticateResponse {
        SaslAuthenticateResponse(errorCode: .saslAuthenticationFailed,
                                 errorMessage: "Authentication failed: Invalid username or password")
    }

    private func succeeded(_ bytes: [UInt8] = []) -> SaslAuthenticateResponse {
        counters.logins.add(1, ordering: .relaxed)
        return SaslAuthenticateResponse(authBytes: bytes, sessionLifetimeMs: settings.sessionLifetimeMs)
    }

    private func authenticate(_ token: [UInt8]) -> SaslAuthenticateResponse {
        let text = String(decoding: token, as: UTF8.self)
        switch mechanism {
        case "PLAIN"?:
            let parts = token.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 3, let password = settings.users[parts[1]], password == parts[2] else { return failed() }
            return succeeded()
        case let name? where scram == nil:
            // client-first: n,,n=user,r=nonce
            guard let mechanism = ScramMechanism(mechanismName: name), text.hasPrefix("n,,") else { return failed() }
            let bare = String(text.dropFirst(3))
            let fields = ScramClient.fields(bare)
            guard let user = fields["n"]?.replacingOccurrences(of: "=2C", with: ",").replacingOccurrences(of: "=3D", with: "="),
                  let nonce = fields["r"], let password = settings.users[user] else { return failed() }
            let salt = Array("fake-broker-salt".utf8)
            let credential = ScramCredential.derive(password: password, salt: salt, iterations: 4096, mechanism: mechanism)
            let serverFirst = "r=\(nonce)srv,s=\(Data(salt).base64EncodedString()),i=4096"
            scram = (mechanism, credential, bare, serverFirst)
            return SaslAuthenticateResponse(authBytes: Array(serverFirst.utf8), sessionLifetimeMs: 0)
        case _? where scram != nil:
            let state = scram!
            scram = nil
            guard let proofRange = text.range(of: ",p="), let proof = Data(base64Encoded: String(text[proofRange.upperBound...])) else {
                return failed()
            }
            let authMessage = "\(state.clientFirstBare),\(state.serverFirst),\(text[..<proofRange.lowerBound])"
            guard state.mechanism.verify(proof: Array(proof), storedKey: state.credential.storedKey, authMessage: authMessage) else {
                return failed()
            }
            var signature = state.mechanism.serverSignature(serverKey: state.credential.serverKey, authMessage: authMessage)
            if settings.forgeServerSignature { signature[0] ^= 0xFF }
            return succeeded(Array("v=\(Data(signature).base64EncodedString())".utf8))
        default:
            return failed()
        }
    }
}
