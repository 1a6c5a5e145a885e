import Foundation

/// Certificates for TLS tests, made at test time with Debian's openssl in a temp dir (never committed): a CA,
/// a server certificate for 127.0.0.1/localhost, client certificates `CN=<name>,OU=eng,O=Samsa`, an expired
/// client certificate, the server key encrypted with "secret", and a certificate paired with another key.
struct TLSTestCertificates {
    let directory: String

    static var openssl: String? {
        ["/usr/bin/openssl", "/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// nil when openssl is missing (tests then skip).
    static func make() throws -> TLSTestCertificates? {
        guard let openssl else { return nil }
        let directory = NSTemporaryDirectory() + "samsa-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = """
        set -e
        O=\(openssl)
        $O req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3 -subj "/CN=Samsa Test CA"
        sign() { # name subject ext
          $O req -newkey rsa:2048 -nodes -keyout $1.key -out $1.csr -subj "$2"
          printf 'basicConstraints=CA:FALSE\\n%s\\n' "$3" > $1.ext
        }
        sign server "/CN=localhost" "subjectAltName=IP:127.0.0.1,DNS:localhost"
        $O x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 3 -extfile server.ext
        cat server.key server.pem > server-keystore.pem
        $O pkcs8 -topk8 -in server.key -out server-enc.key -passout pass:secret -v2 aes-256-cbc
        cat server-enc.key server.pem > server-enc-keystore.pem
        $O genrsa -out other.key 2048
        cat other.key server.pem > mismatched-keystore.pem
        for name in alice bob; do
          sign client-$name "/O=Samsa/OU=eng/CN=$name" ""
          $O x509 -req -in client-$name.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client-$name.pem -days 3 -extfile client-$name.ext
        done
        sign expired "/O=Samsa/OU=eng/CN=old" ""
        printf '[ca]\\ndefault_ca=c\\n[c]\\ndatabase=index.txt\\nnew_certs_dir=.\\nserial=serial\\ndefault_md=sha256\\npolicy=p\\nunique_subject=no\\n[p]\\ncommonName=supplied\\norganizationName=optional\\norganizationalUnitName=optional\\n' > ca.cnf
        : > index.txt; echo 1000 > serial
        $O ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem -startdate 20200101000000Z -enddate 20200102000000Z -notext
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSTestError("openssl failed: \(String(decoding: said, as: UTF8.self))")
        }
        return TLSTestCertificates(directory: directory)
    }

    func path(_ name: String) -> String { directory + "/" + name }
    var ca: String { path("ca.pem") }
    var serverKeystore: String { path("server-keystore.pem") }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

struct TLSTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
