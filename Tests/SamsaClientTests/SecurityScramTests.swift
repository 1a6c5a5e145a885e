import Foundation
import SamsaProtocol
import Testing
@testable import SamsaClient

@Suite struct SecurityScramTests {
    /// RFC 7677 §3: user "user", password "pencil", client nonce rOprNGfwEbeRWgbNEkqO.
    @Test func rfc7677Example() throws {
        var client = ScramClient(mechanism: .sha256, username: "user", password: "pencil", nonce: "rOprNGfwEbeRWgbNEkqO")
        #expect(client.clientFirstMessage == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        let final = try client.clientFinalMessage(serverFirst: serverFirst)
        #expect(final == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        try client.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
        #expect(throws: ScramError.self) { try client.verifyServerFinal("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=") }
        #expect(throws: ScramError.self) { try client.verifyServerFinal("e=invalid-proof") }
    }

    @Test func refusesABadServerFirst() {
        var client = ScramClient(mechanism: .sha256, username: "user", password: "pencil", nonce: "abc")
        // A nonce that does not extend the client's, too few iterations, a mandatory extension.
        for bad in ["r=xyz123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "r=abc123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=100",
                    "m=ext,r=abc123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "r=abc123,i=4096"] {
            #expect(throws: ScramError.self, "\(bad)") { _ = try client.clientFinalMessage(serverFirst: bad) }
        }
    }

    @Test func escapesTheUserName() {
        #expect(ScramClient.saslName("a=b,c") == "a=3Db=2Cc")
        let client = ScramClient(mechanism: .sha512, username: "a,b", password: "p")
        #expect(client.clientFirstMessage.hasPrefix("n,,n=a=2Cb,r="))
        // A fresh random nonce each login.
        #expect(ScramClient(mechanism: .sha512, username: "u", password: "p").clientFirstBare != ScramClient(mechanism: .sha512, username: "u", password: "p").clientFirstBare)
    }

    @Test func plainToken() throws {
        #expect(SaslExchange.plainToken(username: "alice", password: "s3cret") == [0] + Array("alice".utf8) + [0] + Array("s3cret".utf8))
        var exchange = SaslExchange(ClientSecurity.SASL(mechanism: .plain, username: "u", password: "p"))
        #expect(try exchange.next(nil) == [0, 0x75, 0, 0x70])
        #expect(try exchange.next([]) == nil)
    }
}
