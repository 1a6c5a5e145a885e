import Foundation
import SamsaProtocol
import Testing
@testable import SamsaServer

/// The JAAS line, the listener settings and the mechanisms' exchanges, without a network.
@Suite struct SaslMechanismTests {
    @Test func jaasOptionsMayHaveSpacesAroundTheEqualsSign() throws {
        let jaas = try JaasConfig(parsing: #"org.apache.kafka.common.security.plain.PlainLoginModule required user_alice = "a b";"#,
                                  key: "plain.sasl.jaas.config")
        #expect(jaas.options["user_alice"] == "a b")
    }

    @Test func aBrokerIgnoresAJaasLineWithoutTheMechanismPrefix() throws {
        let jaas = SaslTestServer.plainJaas
        #expect(throws: (any Error).self) {
            try SaslSettings(properties: ["sasl.jaas.config": jaas, "sasl.enabled.mechanisms": "PLAIN"], listener: "SASL_PLAINTEXT")
        }
        let settings = try SaslSettings(properties: ["sasl.jaas.config": jaas], listener: "SASL_PLAINTEXT")
        #expect(settings.mechanisms == ["SCRAM-SHA-256", "SCRAM-SHA-512"] && settings.plainUsers.isEmpty)
    }

    @Test func ipv4ClientsOfADualStackListenerKeepTheirPlainAddress() {
        #expect(ConnectionSession.plainIPv4("::ffff:10.1.2.3") == "10.1.2.3")
        #expect(ConnectionSession.plainIPv4("::ffff:abcd:1") == "::ffff:abcd:1")
        #expect(ConnectionSession.plainIPv4("::1") == "::1")
        #expect(ConnectionSession.plainIPv4("127.0.0.1") == "127.0.0.1")
    }

    @Test func parsesKafkasPlainJaasLine() throws {
        let jaas = try JaasConfig(parsing: SaslTestServer.plainJaas, key: "sasl.jaas.config")
        #expect(jaas.loginModule == "org.apache.kafka.common.security.plain.PlainLoginModule")
        #expect(jaas.controlFlag == "required")
        #expect(jaas.options["username"] == "admin")
        #expect(jaas.plainUsers == ["admin": "admin-secret", "alice": "alice-secret"])
    }

    @Test func jaasValuesMayBeBareOrEscaped() throws {
        let jaas = try JaasConfig(parsing: #"  M optional a=bare user_bob="say \"hi\" \\ ; ok" ;  "#, key: "k")
        #expect(jaas.options == ["a": "bare", "user_bob": #"say "hi" \ ; ok"#])
    }

    @Test func aMalformedJaasLineIsOneSentenceWithoutTheSecret() {
        for line in [#"M required user_a="secret1""#, #"M required user_a="secret1;"#, #"M maybe user_a="secret1";"#,
                     #"M required user_a;"#, #"M required user_a="secret1"; N required;"#] {
            do {
                _ = try JaasConfig(parsing: line, key: "listener.name.sasl_plaintext.plain.sasl.jaas.config")
                Issue.record("accepted \(line)")
            } catch {
                let text = "\(error)"
                #expect(text.hasPrefix("listener.name.sasl_plaintext.plain.sasl.jaas.config is not a valid JAAS entry: "))
                #expect(!text.contains("secret1"))
            }
        }
    }

    @Test func settingsFollowKafkasKeysAndSamsasDefault() throws {
        let listener = "SASL_PLAINTEXT"
        let jaas = SaslTestServer.plainJaas
        var settings = try SaslSettings(properties: ["plain.sasl.jaas.config": jaas], listener: listener)
        #expect(settings.mechanisms == ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
        #expect(settings.failedAuthenticationDelayMs == 100 && settings.reauthMs == 0)
        settings = try SaslSettings(properties: [:], listener: listener)
        #expect(settings.mechanisms == ["SCRAM-SHA-256", "SCRAM-SHA-512"])
        settings = try SaslSettings(properties: ["sasl.enabled.mechanisms": "PLAIN",
                                                 "listener.name.sasl_plaintext.sasl.enabled.mechanisms": "scram-sha-512",
                                                 "connections.max.reauth.ms": "5000",
                                                 "listener.name.sasl_plaintext.connections.max.reauth.ms": "7000"],
                                    listener: listener)
        #expect(settings.mechanisms == ["SCRAM-SHA-512"] && settings.reauthMs == 7000)
        #expect(throws: ServerError.self) { try SaslSettings(properties: ["sasl.enabled.mechanisms": "GSSAPI"], listener: listener) }
        #expect(throws: ServerError.self) { try SaslSettings(properties: ["sasl.enabled.mechanisms": "PLAIN"], listener: listener) }
    }

    @Test func plainChecksPasswordAndAuthorizationId() throws {
        let plain = PlainServerExchange(users: ["alice": "alice-secret"])
        #expect(try plain.evaluate(Array("\0alice\0alice-secret".utf8)).user == "alice")
        #expect(try plain.evaluate(Array("alice\0alice\0alice-secret".utf8)).user == "alice")
        let invalid = SaslFailure.told("Authentication failed: Invalid username or password")
        #expect(throws: invalid) { try plain.evaluate(Array("\0alice\0wrong".utf8)) }
        #expect(throws: invalid) { try plain.evaluate(Array("\0mallory\0alice-secret".utf8)) }
        #expect(throws: SaslFailure.told("Authentication failed: Client requested an authorization id that is different from username")) {
            try plain.evaluate(Array("admin\0alice\0alice-secret".utf8))
        }
    }

    /// RFC 7677's SCRAM-SHA-256 example, with its nonces, salt and iterations.
    @Test func scramSha256AnswersAsRfc7677() throws {
        let credential = ScramCredential.derive(password: "pencil", salt: Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")!),
                                                iterations: 4096, mechanism: .sha256)
        var server = ScramServerExchange(mechanism: .sha256, credentials: { $0 == "user" ? credential : nil },
                                         serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0")
        let first = try server.evaluate(Array("n,,n=user,r=rOprNGfwEbeRWgbNEkqO".utf8))
        #expect(String(decoding: first.challenge, as: UTF8.self)
                == "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
        #expect(first.user == nil)
        let final = try server.evaluate(Array(("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                               + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=").utf8))
        #expect(String(decoding: final.challenge, as: UTF8.self) == "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
        #expect(final.user == "user")
    }

    /// librdkafka (Debian's kcat, 2.0.2) repeats its own nonce in the final message (r=client+client+server);
    /// Kafka checks only that r ends with the combined nonce, so such a client logs in.
    @Test func scramTakesAFinalNonceThatEndsWithTheCombinedOne() throws {
        let (mechanism, salt) = (ScramMechanism.sha256, [UInt8](repeating: 7, count: 16))
        let credential = ScramCredential.derive(password: "pencil", salt: salt, iterations: 4096, mechanism: mechanism)
        var server = ScramServerExchange(mechanism: mechanism, credentials: { $0 == "user" ? credential : nil }, serverNonce: "XYZ")
        let serverFirst = String(decoding: try server.evaluate(Array("n,,n=user,r=abc".utf8)).challenge, as: UTF8.self)
        let withoutProof = "c=biws,r=abcabcXYZ"
        let clientKey = mechanism.clientKey(saltedPassword: mechanism.saltedPassword("pencil", salt: salt, iterations: 4096))
        let proof = mechanism.clientProof(clientKey: clientKey, storedKey: mechanism.storedKey(clientKey: clientKey),
                                          authMessage: "n=user,r=abc,\(serverFirst),\(withoutProof)")
        let final = try server.evaluate(Array("\(withoutProof),p=\(Data(proof).base64EncodedString())".utf8))
        #expect(final.user == "user")
    }

    @Test func scramRefusesWrongProofsAndHidesUnknownUsers() throws {
        let credential = ScramCredential.derive(password: "pencil", salt: [1, 2, 3], iterations: 4096, mechanism: .sha256)
        let lookup: @Sendable (String) -> ScramCredential? = { $0 == "user" ? credential : nil }
        let wrongProof = "c=biws,r=abcXYZ,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        for user in ["user", "nobody"] {
            var server = ScramServerExchange(mechanism: .sha256, credentials: lookup, serverNonce: "XYZ")
            // An unknown user gets a server-first message like anyone else's, and fails only at the proof.
            let first = String(decoding: try server.evaluate(Array("n,,n=\(user),r=abc".utf8)).challenge, as: UTF8.self)
            #expect(first.hasPrefix("r=abcXYZ,s=") && first.hasSuffix(",i=4096"))
            #expect(throws: SaslFailure.self) { try server.evaluate(Array(wrongProof.utf8)) }
        }
        var server = ScramServerExchange(mechanism: .sha256, credentials: lookup, serverNonce: "XYZ")
        _ = try server.evaluate(Array("n,,n=user,r=abc".utf8))
        #expect(throws: SaslFailure.hidden("Invalid client nonce in the final client message.")) {
            try server.evaluate(Array("c=biws,r=abcXY,p=AAAA".utf8))
        }
        var other = ScramServerExchange(mechanism: .sha256, credentials: lookup)
        #expect(throws: SaslFailure.told("Authentication failed: Client requested an authorization id that is different from username")) {
            try other.evaluate(Array("n,a=admin,n=user,r=abc".utf8))
        }
        #expect(SaslFailure.hidden("x").clientMessage(mechanism: "SCRAM-SHA-256", reauthenticating: false)
                == "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256")
    }

    @Test func scramDecodesSaslNamesAndExtensions() throws {
        #expect(ScramServerExchange.saslName("a=2Cb=3Dc") == "a,b=c")
        #expect(ScramServerExchange.saslName("a=2") == nil)
        #expect(ScramServerExchange.saslName("a=41") == nil)
        let first = try ScramServerExchange.parseClientFirst("n,a=b=2Cc,n=b=2Cc,r=nonce,tokenauth=true")
        #expect(first.user == "b,c" && first.authzid == "b,c" && first.nonce == "nonce" && first.gs2Header == "n,a=b=2Cc,")
        #expect(first.bare == "n=b=2Cc,r=nonce,tokenauth=true")
        #expect(throws: SaslFailure.self) { try ScramServerExchange.parseClientFirst("p=tls-unique,,n=user,r=abc") }
        #expect(throws: SaslFailure.self) { try ScramServerExchange.parseClientFirst("n,,r=abc,n=user") }
    }
}
