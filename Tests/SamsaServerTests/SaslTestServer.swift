import Foundation
import Logging
import NIOCore
import NIOPosix
import SamsaClient
import SamsaEngine
import SamsaProtocol
@testable import SamsaServer

/// One broker whose only listener is SASL_PLAINTEXT, with the given security properties, on a free port.
final class SaslTestServer: @unchecked Sendable {
    let directory = NSTemporaryDirectory() + "samsa-sasl-\(UUID().uuidString)"
    let cluster: Cluster
    let server: KafkaServer
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    static let plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
        + "password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\";"

    static let defaultProperties = [
        "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
        "listener.name.sasl_plaintext.plain.sasl.jaas.config": plainJaas,
    ]

    init(properties: [String: String] = defaultProperties, logHandler: (@Sendable (String) -> LogHandler)? = nil) async throws {
        let listener = ListenerSpec(name: "SASL_PLAINTEXT", securityProtocol: .saslPlaintext, host: "127.0.0.1", ports: [0])
        let config = ClusterConfig(dataDirectory: directory, ports: [0], listeners: [listener], securityProperties: properties)
        var logger = logHandler.map { Logger(label: "sasl-test", factory: $0) } ?? Logger(label: "sasl-test")
        logger.logLevel = logHandler == nil ? .warning : .trace
        cluster = try Cluster(config: config, logger: logger)
        server = KafkaServer(cluster: cluster, group: group, logger: logger)
        try await server.start()
    }

    var address: BrokerAddress { BrokerAddress(host: "127.0.0.1", port: cluster.brokers[0].port) }

    func connect() async throws -> BrokerConnection {
        try await BrokerConnection.connect(to: address, group: clientGroup)
    }

    func stop() {
        server.beginStop()
        cluster.shutdown()
        group.shutdownGracefully { _ in }
        clientGroup.shutdownGracefully { _ in }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension BrokerConnection {
    /// SaslHandshake v1 then one SaslAuthenticate with `token`.
    func saslStart(_ mechanism: String, _ token: [UInt8]) async throws -> SaslAuthenticateResponse {
        let handshake = try await send(SaslHandshakeRequest(mechanism: mechanism), version: 1)
        guard handshake.errorCode == .none else { throw ServerError("handshake refused: \(handshake.errorCode)") }
        return try await send(SaslAuthenticateRequest(authBytes: token), version: 1)
    }

    func plainLogin(_ user: String, _ password: String) async throws -> SaslAuthenticateResponse {
        try await saslStart("PLAIN", Array("\0\(user)\0\(password)".utf8))
    }

    /// A full SCRAM exchange driven with the contract's arithmetic; returns the final answer.
    func scramLogin(_ mechanism: ScramMechanism, user: String, password: String) async throws -> SaslAuthenticateResponse {
        let clientNonce = "fyko+d2lbbFgONRv9qkxdawL"
        let bare = "n=\(user),r=\(clientNonce)"
        let first = try await saslStart(mechanism.mechanismName, Array("n,,\(bare)".utf8))
        guard first.errorCode == .none else { return first }
        let serverFirst = String(decoding: first.authBytes, as: UTF8.self)
        var fields: [String: String] = [:]
        for field in serverFirst.split(separator: ",") { fields[String(field.prefix(1))] = String(field.dropFirst(2)) }
        let salt = Array(Data(base64Encoded: fields["s"]!)!)
        let salted = mechanism.saltedPassword(password, salt: salt, iterations: Int(fields["i"]!)!)
        let clientKey = mechanism.clientKey(saltedPassword: salted)
        let withoutProof = "c=biws,r=\(fields["r"]!)"
        let authMessage = "\(bare),\(serverFirst),\(withoutProof)"
        let proof = mechanism.clientProof(clientKey: clientKey, storedKey: mechanism.storedKey(clientKey: clientKey), authMessage: authMessage)
        let final = try await send(SaslAuthenticateRequest(authBytes: Array("\(withoutProof),p=\(Data(proof).base64EncodedString())".utf8)),
                                   version: 1)
        if final.errorCode == .none {
            let expected = mechanism.serverSignature(serverKey: mechanism.serverKey(saltedPassword: salted), authMessage: authMessage)
            guard String(decoding: final.authBytes, as: UTF8.self) == "v=\(Data(expected).base64EncodedString())" else {
                throw ServerError("the server's signature does not verify")
            }
        }
        return final
    }
}

/// Collects every log line (message and metadata), to check that no secret reaches a log.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }

    func handler(label: String) -> LogHandler { CapturingHandler(log: self) }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            log.append("\(level) \(message) \(metadata ?? [:])")
        }
    }
}
