import SamsaProtocol
import Synchronization

/// Kafka's StandardAuthorizer rules (`authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer`):
/// super users may do anything; otherwise a matching DENY wins over a matching ALLOW; ALLOW of Read, Write,
/// Delete or Alter implies Describe, and AlterConfigs implies DescribeConfigs; a resource no ACL names at all
/// is allowed only with `allow.everyone.if.no.acl.found=true`. Without an authorizer configured every request
/// is allowed, as in Kafka.
///
/// Thread-safety: the ACLs and settings sit behind a mutex; any thread may ask or change.
public final class Authorizer: Sendable {
    public struct Settings: Sendable, Equatable {
        /// `authorizer.class.name` was set: ACLs are enforced.
        public var enabled: Bool
        /// `super.users`, e.g. ["User:admin"].
        public var superUsers: Set<String>
        public var allowEveryoneIfNoAclFound: Bool

        public init(enabled: Bool = false, superUsers: Set<String> = [], allowEveryoneIfNoAclFound: Bool = false) {
            self.enabled = enabled
            self.superUsers = superUsers
            self.allowEveryoneIfNoAclFound = allowEveryoneIfNoAclFound
        }

        /// Reads Kafka's keys: `authorizer.class.name`, `super.users` (`;`-separated), `allow.everyone.if.no.acl.found`.
        public init(properties: [String: String]) {
            enabled = !(properties["authorizer.class.name"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            superUsers = Set((properties["super.users"] ?? "").split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
            allowEveryoneIfNoAclFound = (properties["allow.everyone.if.no.acl.found"] ?? "false").lowercased() == "true"
        }
    }

    /// Kafka's name for the one cluster resource.
    public static let clusterResourceName = "kafka-cluster"
    public static let wildcardPrincipal = "User:*"
    public static let wildcard = "*"

    private let state: Mutex<(settings: Settings, acls: Set<AclBinding>)>

    public init(settings: Settings = Settings()) {
        state = Mutex((settings, []))
    }

    public var settings: Settings {
        get { state.withLock { $0.settings } }
    }

    public func configure(_ settings: Settings) { state.withLock { $0.settings = settings } }

    public var isEnabled: Bool { state.withLock { $0.settings.enabled } }

    public var acls: Set<AclBinding> { state.withLock { $0.acls } }

    /// Adds ACLs; returns those that were new.
    @discardableResult
    public func add(_ bindings: [AclBinding]) -> [AclBinding] {
        state.withLock { state in bindings.filter { state.acls.insert($0).inserted } }
    }

    /// Removes exactly these ACLs; returns those that were there.
    @discardableResult
    public func remove(_ bindings: [AclBinding]) -> [AclBinding] {
        state.withLock { state in bindings.filter { state.acls.remove($0) != nil } }
    }

    public func replaceAll(_ bindings: Set<AclBinding>) { state.withLock { $0.acls = bindings } }

    /// May `principal`, connected from `host` (an IP, no slash), do `operation` on the named resource?
    public func authorize(_ principal: KafkaPrincipal, host: String, operation: AclOperation,
                          resourceType: AclResourceType, name: String) -> Bool {
        let (settings, acls) = state.withLock { ($0.settings, $0.acls) }
        guard settings.enabled else { return true }
        let who = principal.description
        if settings.superUsers.contains(who) { return true }
        var resourceHasAcls = false
        var allowed = false
        for acl in acls where acl.resourceType == resourceType && Self.pattern(of: acl, matches: name) {
            resourceHasAcls = true
            guard acl.principal == who || acl.principal == Self.wildcardPrincipal,
                  acl.host == Self.wildcard || acl.host == host else { continue }
            switch acl.permission {
            case .deny:
                if acl.operation == .all || acl.operation == operation { return false }
            case .allow:
                if acl.operation == .all || acl.operation == operation || Self.implies(acl.operation, operation) { allowed = true }
            default:
                continue
            }
        }
        if allowed { return true }
        return !resourceHasAcls && settings.allowEveryoneIfNoAclFound
    }

    /// A literal pattern names one resource (or all, as `*`); a prefixed one every name that starts with it.
    public static func pattern(of acl: AclBinding, matches name: String) -> Bool {
        switch acl.patternType {
        case .literal: acl.resourceName == wildcard || acl.resourceName == name
        case .prefixed: name.hasPrefix(acl.resourceName)
        default: false
        }
    }

    /// Kafka's implied operations: Describe by Read/Write/Delete/Alter, DescribeConfigs by AlterConfigs.
    public static func implies(_ granted: AclOperation, _ wanted: AclOperation) -> Bool {
        switch wanted {
        case .describe: [.read, .write, .delete, .alter].contains(granted)
        case .describeConfigs: granted == .alterConfigs
        default: false
        }
    }
}
