import SamsaProtocol

extension Controller {
    /// The ACLs the controller holds (journaled with the rest of the metadata).
    public var acls: Set<AclBinding> { snapshot().acls ?? [] }

    /// Adds and removes ACLs in one journaled change; returns the ACLs as they are afterwards.
    func changeAcls(adding added: some Sequence<AclBinding>, removing removed: some Sequence<AclBinding>) throws -> Set<AclBinding> {
        try mutateMetadata { metadata in
            let acls = (metadata.acls ?? []).subtracting(removed).union(added)
            metadata.acls = acls.isEmpty ? nil : acls
            return acls
        }
    }
}
