import SamsaEngine
import Synchronization

/// What the broker knows about who is on one connection: the listener it came in on, the client's address,
/// and the principal that TLS (a client certificate) or SASL established. Handlers read it through
/// `RequestContext.session`; the connection's requests run one at a time, so a SASL step a handler records
/// is seen by the next request.
///
/// Thread-safety: the mutable parts sit behind a mutex (the event loop and handler threads both use them).
public final class ConnectionSession: Sendable {
    public let listener: ListenerSpec
    /// The client's IP address without Kafka's leading slash (what ACL hosts are compared with).
    public let clientAddress: String
    private let state: Mutex<State>

    public struct State: Sendable {
        public var principal: KafkaPrincipal = .anonymous
        /// SASL: the mechanism chosen by SaslHandshake, the exchange in progress, whether it succeeded,
        /// and when the session must re-authenticate (KIP-368).
        public var sasl = SaslSessionState()
    }

    /// How this connection's listener authenticates (SASL listeners; built once per listener at start).
    let saslSettings: SaslSettings?

    public convenience init(listener: ListenerSpec, clientAddress: String) {
        self.init(listener: listener, clientAddress: clientAddress, saslSettings: nil)
    }

    init(listener: ListenerSpec, clientAddress: String, saslSettings: SaslSettings?) {
        self.listener = listener
        self.clientAddress = Self.plainIPv4(clientAddress)
        self.saslSettings = saslSettings
        state = Mutex(State())
    }

    /// An IPv4 client of a dual-stack listener shows as `::ffff:1.2.3.4`; ACL hosts name it `1.2.3.4`, as Java
    /// reports it, so a host-scoped ACL must see the plain form.
    static func plainIPv4(_ address: String) -> String {
        let prefix = "::ffff:"
        guard address.lowercased().hasPrefix(prefix) else { return address }
        let rest = address.dropFirst(prefix.count)
        let octets = rest.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy({ UInt8($0) != nil }) ? String(rest) : address
    }

    public var principal: KafkaPrincipal { state.withLock { $0.principal } }

    public func setPrincipal(_ principal: KafkaPrincipal) { state.withLock { $0.principal = principal } }

    /// Reads or changes the state under the lock.
    public func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }
}

/// One connection's SASL progress (owned by the SASL handlers).
public struct SaslSessionState: Sendable {
    /// Set by SaslHandshake.
    public var mechanism: String?
    /// The mechanism's exchange between SaslAuthenticate rounds (e.g. SCRAM's server-first message).
    public var exchange: (any Sendable)?
    public var authenticated = false
    /// The mechanism of the last successful login (a re-authentication must use the same, as in Kafka).
    public var authenticatedMechanism: String?
    /// Milliseconds since the epoch after which the session must re-authenticate (nil: never).
    public var expiresAtMs: Int64?
    /// A login failed or the handshake was refused: the connection closes once the answer is written, and
    /// serves nothing more.
    public var closeAfterAnswer = false
    /// SaslHandshake v0 chose the mechanism: its tokens come as bare frames until the login is done.
    public var rawTokens = false

    public init() {}
}
