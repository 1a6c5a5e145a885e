import NIOCore
import NIOSSL
import Synchronization

extension ClientSecurity {
    /// The TLS context every connection of a client shares; nil without TLS. A file that cannot be read or
    /// parsed is one sentence naming the setting.
    public func makeSSLContext() throws -> NIOSSLContext? {
        guard securityProtocol.usesTLS else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = tls.verifyHostname ? .fullVerification : .noHostnameVerification
        if let path = tls.caLocation {
            configuration.trustRoots = .certificates(try load("ssl.ca.location", path) { try NIOSSLCertificate.fromPEMFile(path) })
        } else if let pem = tls.caPEM {
            configuration.trustRoots = .certificates(try load("ssl.truststore.certificates", "(inline)") {
                try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            })
        }
        if let path = tls.certificateLocation {
            let chain = try load("ssl.certificate.location", path) { try NIOSSLCertificate.fromPEMFile(path) }
            configuration.certificateChain = chain.map { .certificate($0) }
        } else if let pem = tls.certificatePEM {
            let chain = try load("ssl.keystore.certificate.chain", "(inline)") { try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)) }
            configuration.certificateChain = chain.map { .certificate($0) }
        }
        // Always a callback: without one BoringSSL would prompt on the terminal for an encrypted key's passphrase.
        let password = Array((tls.keyPassword ?? "").utf8)
        if let path = tls.keyLocation {
            configuration.privateKey = .privateKey(try load("ssl.key.location", path) {
                try NIOSSLPrivateKey(file: path, format: .pem) { $0(password) }
            })
        } else if let pem = tls.keyPEM {
            configuration.privateKey = .privateKey(try load("ssl.keystore.key", "(inline)") {
                try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem) { $0(password) }
            })
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw ClientError.invalidArgument("The TLS settings cannot be used: the client certificate and key do not match or cannot be loaded (\(error)).")
        }
    }

    private func load<T>(_ key: String, _ path: String, _ body: () throws -> T) throws -> T {
        do {
            let value = try body()
            if let list = value as? [NIOSSLCertificate], list.isEmpty {
                throw ClientError.invalidArgument("\(key) \(path) holds no PEM certificate.")
            }
            return value
        } catch let error as ClientError {
            throw error
        } catch {
            let why = key == "ssl.key.location" || key == "ssl.keystore.key"
                ? (tls.keyPassword == nil ? "not a readable PEM private key (is it encrypted? set ssl.key.password)" : "not a readable PEM private key, or ssl.key.password is wrong")
                : "not a readable PEM certificate file"
            throw ClientError.invalidArgument("\(key) \(path) is \(why).")
        }
    }
}

/// Why a TLS handshake failed, in words a person can act on (BoringSSL's error stacks are not).
enum TLSFailure {
    static func isTLSError(_ error: Error) -> Bool {
        error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
    }

    static func reason(_ error: Error, host: String) -> String {
        let text = String(describing: error)
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the broker's certificate does not name \(host) (ssl.endpoint.identification.algorithm=none skips this check)"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            if text.contains("expired") { return "the broker's certificate has expired" }
            return "the broker's certificate is not signed by an authority this client trusts (ssl.ca.location)"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") || text.contains("UNEXPECTED_RECORD") {
            return "the broker did not answer in TLS (is this a PLAINTEXT or SASL_PLAINTEXT listener?)"
        }
        if text.contains("CERTIFICATE_REQUIRED") || text.contains("HANDSHAKE_FAILURE_ON_CLIENT_HELLO") {
            return "the broker requires a client certificate (ssl.certificate.location and ssl.key.location)"
        }
        if let ssl = error as? NIOSSLError, ssl == .uncleanShutdown {
            return "the broker closed the connection during the handshake"
        }
        return text
    }
}

/// Keeps the TLS handler's error: NIOSSL may close the channel before it reports why, so the request that
/// notices first only sees "connection closed".
final class TLSFailureRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let recorded = Mutex<(any Error)?>(nil)

    var error: (any Error)? { recorded.withLock { $0 } }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if TLSFailure.isTLSError(error) { recorded.withLock { if $0 == nil { $0 = error } } }
        context.fireErrorCaught(error)
    }
}
