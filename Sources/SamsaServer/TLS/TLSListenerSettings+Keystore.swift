import Foundation
import NIOSSL

extension TLSListenerSettings {
    struct Identity {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
        /// Where it came from, for error sentences.
        var source: String
    }

    /// The broker's certificate chain and private key: a PEM file (`ssl.keystore.location`), inline PEM
    /// (`ssl.keystore.certificate.chain` + `ssl.keystore.key`), or a PKCS12 file. JKS is refused.
    func loadKeystore() throws -> Identity {
        let location = value("ssl.keystore.location")
        let type = try storeType("ssl.keystore.type", location: location)
        if type == "PKCS12" {
            guard let location else { throw problem("ssl.keystore.type is PKCS12 but ssl.keystore.location is not set.") }
            let password = value("ssl.keystore.password").map { Array($0.utf8) }
            let bundle: NIOSSLPKCS12Bundle
            do {
                bundle = try NIOSSLPKCS12Bundle(file: location, passphrase: password ?? [])
            } catch {
                throw problem("cannot open the PKCS12 keystore \(location): missing, not PKCS12, or a wrong ssl.keystore.password.")
            }
            return Identity(chain: bundle.certificateChain, key: bundle.privateKey, source: location)
        }
        let pem: String
        let source: String
        if let location {
            guard let data = FileManager.default.contents(atPath: location) else {
                throw problem("cannot read ssl.keystore.location \(location).")
            }
            pem = String(decoding: data, as: UTF8.self)
            source = location
        } else if let chain = value("ssl.keystore.certificate.chain"), let key = value("ssl.keystore.key") {
            pem = chain + "\n" + key
            source = "ssl.keystore.certificate.chain"
        } else {
            throw problem("a TLS listener needs a keystore; set ssl.keystore.location (a PEM file with the private key and "
                          + "certificate chain) or ssl.keystore.certificate.chain and ssl.keystore.key.")
        }
        let chain = Self.certificates(pem)
        guard !chain.isEmpty else { throw problem("\(source) holds no PEM certificate.") }
        let keyText = Self.pemBlocks(pem).first { $0.contains("PRIVATE KEY-----") }
        guard let keyText else { throw problem("\(source) holds no PEM private key.") }
        let encrypted = keyText.contains("ENCRYPTED")
        let password = value("ssl.key.password")
        if encrypted && password == nil { throw problem("the private key in \(source) is encrypted and ssl.key.password is not set.") }
        do {
            let key = try NIOSSLPrivateKey(bytes: Array(keyText.utf8), format: .pem) { (setter: ([UInt8]) -> Void) in
                setter(Array((password ?? "").utf8))
            }
            return Identity(chain: chain, key: key, source: source)
        } catch {
            throw problem(encrypted ? "ssl.key.password does not decrypt the private key in \(source)."
                                    : "the private key in \(source) cannot be read.")
        }
    }

    /// Certificates that client certificates must chain to (`ssl.truststore.location` or `ssl.truststore.certificates`,
    /// PEM); nil: the system's roots.
    func loadTruststore() throws -> [NIOSSLCertificate]? {
        let location = value("ssl.truststore.location")
        _ = try storeType("ssl.truststore.type", location: location)
        let pem: String
        if let location {
            guard let data = FileManager.default.contents(atPath: location) else {
                throw problem("cannot read ssl.truststore.location \(location).")
            }
            pem = String(decoding: data, as: UTF8.self)
        } else if let inline = value("ssl.truststore.certificates") {
            pem = inline
        } else {
            return nil
        }
        let roots = Self.certificates(pem)
        guard !roots.isEmpty else { throw problem("\(location ?? "ssl.truststore.certificates") holds no PEM certificate.") }
        return roots
    }

    /// PEM or PKCS12 (also guessed from a .p12/.pfx file name); JKS refused.
    func storeType(_ key: String, location: String?) throws -> String {
        let guessed = location.map { $0.hasSuffix(".p12") || $0.hasSuffix(".pfx") ? "PKCS12" : $0.hasSuffix(".jks") ? "JKS" : "PEM" }
        let type = value(key)?.uppercased() ?? guessed ?? "PEM"
        switch type {
        case "PEM", "PKCS12": return type
        case "JKS": throw problem("\(key) JKS is not supported; convert the store to PEM (or PKCS12) and set \(key)=PEM.")
        default: throw problem("\(key) \(type) is not supported; use PEM (or PKCS12).")
        }
    }

    /// The `-----BEGIN X-----` … `-----END X-----` blocks of a PEM text, re-wrapped: a value given on one
    /// line (server.properties joins continued lines with spaces, as Kafka's inline PEM is often written) works too.
    static func pemBlocks(_ text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
                                                   options: [.dotMatchesLineSeparators]) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            let label = ns.substring(with: match.range(at: 1))
            var headers: [String] = []
            var body = ""
            for line in ns.substring(with: match.range(at: 2)).split(whereSeparator: \.isNewline) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.contains(":") { headers.append(trimmed) } else { body += trimmed.filter { !$0.isWhitespace } }
            }
            var lines = ["-----BEGIN \(label)-----"] + headers + (headers.isEmpty ? [] : [""])
            var rest = Substring(body)
            while !rest.isEmpty {
                lines.append(String(rest.prefix(64)))
                rest = rest.dropFirst(64)
            }
            return (lines + ["-----END \(label)-----"]).joined(separator: "\n") + "\n"
        }
    }

    /// The certificates of a PEM text.
    static func certificates(_ text: String) -> [NIOSSLCertificate] {
        pemBlocks(text).filter { $0.hasPrefix("-----BEGIN CERTIFICATE-----") }.compactMap {
            try? NIOSSLCertificate(bytes: Array($0.utf8), format: .pem)
        }
    }
}
