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

    let state: Mutex<(settings: Settings, acls: AclIndex)>

    public init(settings: Settings = Settings()) {
        state = Mutex((settings, AclIndex()))
    }

    public var settings: Settings {
        get { state.withLock { $0.settings } }
    }

    public func configure(_ settings: Settings) { state.withLock { $0.settings = settings } }

    public var isEnabled: Bool { state.withLock { $0.settings.enabled } }

    public var acls: Set<AclBinding> { state.withLock { $0.acls.all } }

    /// Adds ACLs; returns those that were new.
    @discardableResult
    public func add(_ bindings: [AclBinding]) -> [AclBinding] {
        state.withLock { state in bindings.filter { state.acls.insert($0) } }
    }

    /// Removes exactly these ACLs; returns those that were there.
    @discardableResult
    public func remove(_ bindings: [AclBinding]) -> [AclBinding] {
        state.withLock { state in bindings.filter { state.acls.remove($0) } }
    }

    public func replaceAll(_ bindings: Set<AclBinding>) { state.withLock { $0.acls = AclIndex(bindings) } }

    /// The principals an ACL may name to apply to `principal`: itself and `User:*` (Kafka's wildcard principal).
    static func matchingPrincipals(_ principal: KafkaPrincipal) -> Set<String> {
        [principal.description, wildcardPrincipal]
    }

    /// May `principal`, connected from `host` (an IP, no slash), do `operation` on the named resource?
    /// As StandardAuthorizerData: super users always; a matching DENY wins; else a matching ALLOW; a resource
    /// that some ACL names (for anyone) is otherwise denied; one no ACL names follows allow.everyone.if.no.acl.found.
    public func authorize(_ principal: KafkaPrincipal, host: String, operation: AclOperation,
                          resourceType: AclResourceType, name: String) -> Bool {
        state.withLock { state in
            guard state.settings.enabled else { return true }
            if state.settings.superUsers.contains(principal.description) { return true }
            let principals = Self.matchingPrincipals(principal)
            var resourceHasAcls = false
            var allowed = false
            for acl in state.acls.matching(resourceType, name) {
                resourceHasAcls = true
                switch Self.result(of: acl, operation: operation, principals: principals, host: host) {
                case .deny?: return false
                case .allow?: allowed = true
                default: continue
                }
            }
            return allowed || (!resourceHasAcls && state.settings.allowEveryoneIfNoAclFound)
        }
    }

    /// What one ACL says about `operation` by one of `principals` from `host`: allow, deny, or nil (it does not apply).
    /// ALLOW of Read/Write/Delete/Alter implies Describe, of AlterConfigs DescribeConfigs; a DENY denies only
    /// its own operation (or All).
    static func result(of acl: AclBinding, operation: AclOperation, principals: Set<String>,
                       host: String) -> AclPermissionType? {
        guard principals.contains(acl.principal), acl.host == wildcard || acl.host == host else { return nil }
        if acl.operation != .all {
            if acl.permission == .allow {
                guard acl.operation == operation || implies(acl.operation, operation) else { return nil }
            } else if acl.operation != operation {
                return nil
            }
        }
        return acl.permission == .allow ? .allow : .deny
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
