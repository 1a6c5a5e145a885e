/// Kafka's Java enum names (`TOPIC`, `TRANSACTIONAL_ID`, `IDEMPOTENT_WRITE`, `ALLOW`), which kafka-acls prints
/// and Kafka's error sentences use, and lenient parsing of the names kafka-acls accepts (`Read`, `read`,
/// `IdempotentWrite`, `idempotent_write`).

/// `TransactionalId` → `TRANSACTIONAL_ID`.
func javaEnumName(_ camel: String) -> String {
    var out = ""
    for (index, character) in camel.enumerated() {
        if character.isUppercase && index > 0 { out.append("_") }
        out.append(contentsOf: character.uppercased())
    }
    return out
}

/// The case named `name`, ignoring case and underscores, so `IdempotentWrite`, `idempotent_write` and
/// `IDEMPOTENTWRITE` agree.
func aclCase<T: CaseIterable & CustomStringConvertible>(_ name: String) -> T? {
    func key(_ text: String) -> String { text.lowercased().filter { $0 != "_" && $0 != "-" } }
    return T.allCases.first { key($0.description) == key(name) }
}

extension AclResourceType {
    public var javaName: String { javaEnumName(description) }
    /// A name as kafka-acls or AdminClient writes it; nil when unknown.
    public init?(name: String) {
        guard let match: Self = aclCase(name) else { return nil }
        self = match
    }
    /// A wire code; codes Kafka does not know read as `.unknown`, as `ResourceType.fromCode`.
    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }
}

extension AclPatternType {
    public var javaName: String { description }
    public init?(name: String) {
        guard let match: Self = aclCase(name) else { return nil }
        self = match
    }
    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }
}

extension AclOperation {
    public var javaName: String { javaEnumName(description) }
    public init?(name: String) {
        guard let match: Self = aclCase(name) else { return nil }
        self = match
    }
    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }
}

extension AclPermissionType {
    public var javaName: String { javaEnumName(description) }
    public init?(name: String) {
        guard let match: Self = aclCase(name) else { return nil }
        self = match
    }
    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }
}

extension AclBinding {
    /// kafka-acls' resource line: `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`.
    public var patternText: String {
        "ResourcePattern(resourceType=\(resourceType.javaName), name=\(resourceName), patternType=\(patternType.javaName))"
    }

    /// kafka-acls' entry line: `(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)`.
    public var entryText: String {
        "(principal=\(principal), host=\(host), operation=\(operation.javaName), permissionType=\(permission.javaName))"
    }
}
