/// Who a connection is, as Kafka names it: `User:alice` after SASL, `User:CN=alice,OU=…` from a client
/// certificate, `User:ANONYMOUS` on a listener that asks nothing.
public struct KafkaPrincipal: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var name: String

    public init(type: String = "User", name: String) {
        self.type = type
        self.name = name
    }

    public static let anonymous = KafkaPrincipal(name: "ANONYMOUS")

    /// `User:alice` → (User, alice); nil without a colon or with an empty type.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return nil }
        type = String(text[..<colon])
        name = String(text[text.index(after: colon)...])
    }

    public var description: String { "\(type):\(name)" }
}
