import NIOSSL

extension TLSListenerSettings {
    /// TLS 1.3 suites (IANA names): BoringSSL always offers all three and cannot pick among them.
    static let tls13Suites: Set<String> = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]

    /// `ssl.cipher.suites` (a comma list of IANA/JSSE names, as Kafka takes it) applied to `configuration`: the
    /// TLS 1.2 suites become BoringSSL's cipher list. TLS 1.3 suites cannot be chosen one by one in BoringSSL,
    /// so naming any of them allows all three; a list naming none of them caps the listener at TLS 1.2, and a
    /// list of only TLS 1.3 suites raises it to TLS 1.3 — as Java, which offers only the listed suites, ends up.
    /// An empty or absent list keeps the library's defaults. A name BoringSSL does not know stops the start.
    func applyCipherSuites(to configuration: inout TLSConfiguration) throws {
        let names = list("ssl.cipher.suites")
        guard !names.isEmpty else { return }
        var tls12: [String] = []
        var namesTLS13 = false
        for name in names {
            // JSSE also spells old suites SSL_…; BoringSSL knows the TLS_… (IANA) name.
            let standard = name.hasPrefix("SSL_") ? "TLS_" + name.dropFirst(4) : name
            if Self.tls13Suites.contains(standard) {
                namesTLS13 = true
            } else if Self.tls12Suites.contains(standard) {
                tls12.append(standard)
            } else {
                throw problem("ssl.cipher.suites names \(name), which is not a cipher suite this broker's TLS library (BoringSSL) supports.")
            }
        }
        if !tls12.isEmpty { configuration.cipherSuites = tls12.joined(separator: ":") }
        // Narrow the versions ssl.enabled.protocols allows (applied first) to those the listed suites belong to.
        let order: [TLSVersion] = [.tlsv1, .tlsv11, .tlsv12, .tlsv13]
        var low = order.firstIndex(of: configuration.minimumTLSVersion) ?? 0
        var high = order.firstIndex(of: configuration.maximumTLSVersion ?? .tlsv13) ?? 3
        if tls12.isEmpty { low = max(low, 3) }
        if !namesTLS13 { high = min(high, 2) }
        guard low <= high else {
            throw problem("ssl.cipher.suites names no suite of the TLS versions ssl.enabled.protocols enables.")
        }
        configuration.minimumTLSVersion = order[low]
        configuration.maximumTLSVersion = order[high]
    }

    /// The TLS 1.2-and-older suites BoringSSL (inside NIOSSL) implements, by IANA name, which its cipher list
    /// accepts as they are. A name outside this list would crash NIOSSL's context set-up, so it is checked here.
    static let tls12Suites: Set<String> = [
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA",
        "TLS_PSK_WITH_AES_128_CBC_SHA", "TLS_PSK_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    ]
}
