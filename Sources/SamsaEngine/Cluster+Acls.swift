import SamsaProtocol

/// ACLs as cluster state (Kafka's AclControlManager): validated, journaled in the controller's metadata, and
/// applied to `authorizer` before the call returns. Changes are serialized by `changeLock`, so the authorizer
/// always holds what the controller last journaled.
extension Cluster {
    /// Creates ACLs; one answer per binding, in order: nil when created (or already there), else Kafka's refusal.
    public func createAcls(_ bindings: [AclBinding]) -> [EngineError?] {
        let problems = bindings.map(Self.aclProblem)
        let valid = zip(bindings, problems).compactMap { $1 == nil ? $0 : nil }
        guard !valid.isEmpty else { return problems }
        do {
            try changeLock.withLock { _ in
                let acls = try controller.changeAcls(adding: valid, removing: [])
                authorizer.replaceAll(acls)
            }
            logger.info("ACLs created: \(valid.count)")
            return problems
        } catch {
            let refusal = EngineError(.unknownServerError, "The ACLs could not be stored: \(error).")
            return problems.map { $0 ?? refusal }
        }
    }

    /// Deletes the ACLs each filter matches; one answer per filter, in order: the ACLs it deleted, or Kafka's refusal.
    public func deleteAcls(_ filters: [AclBindingFilter]) -> [Result<[AclBinding], EngineError>] {
        do {
            return try changeLock.withLock { _ in
                let current = controller.acls
                let results: [Result<[AclBinding], EngineError>] = filters.map { filter in
                    if let problem = filter.problem { return .failure(EngineError(.invalidRequest, problem)) }
                    return .success(current.filter(filter.matches).sorted { $0.patternText + $0.entryText < $1.patternText + $1.entryText })
                }
                let removed = results.flatMap { (try? $0.get()) ?? [] }
                if !removed.isEmpty {
                    authorizer.replaceAll(try controller.changeAcls(adding: [], removing: removed))
                    logger.info("ACLs deleted: \(Set(removed).count)")
                }
                return results
            }
        } catch {
            return filters.map { _ in .failure(EngineError(.unknownServerError, "The ACLs could not be deleted: \(error).")) }
        }
    }

    /// The ACLs `filter` matches, or Kafka's refusal of the filter.
    public func describeAcls(_ filter: AclBindingFilter) -> Result<[AclBinding], EngineError> {
        if let problem = filter.problem { return .failure(EngineError(.invalidRequest, problem)) }
        return .success(authorizer.acls.filter(filter.matches))
    }

    /// Kafka's checks of a new ACL (AclApis, then AclControlManager.validateNewAcl, then the principal's parse),
    /// with Kafka's sentences.
    static func aclProblem(_ acl: AclBinding) -> EngineError? {
        func invalid(_ message: String) -> EngineError { EngineError(.invalidRequest, message) }
        if acl.resourceType == .cluster && acl.resourceName != Authorizer.clusterResourceName {
            return invalid("The only valid name for the CLUSTER resource is \(Authorizer.clusterResourceName)")
        }
        if acl.resourceName.isEmpty { return invalid("Invalid empty resource name") }
        if acl.resourceType == .unknown || acl.resourceType == .any { return invalid("Invalid resourceType \(acl.resourceType.javaName)") }
        if acl.patternType != .literal && acl.patternType != .prefixed { return invalid("Invalid patternType \(acl.patternType.javaName)") }
        if acl.operation == .unknown || acl.operation == .any { return invalid("Invalid operation \(acl.operation.javaName)") }
        if acl.permission != .allow && acl.permission != .deny { return invalid("Invalid permissionType \(acl.permission.javaName)") }
        guard let colon = acl.principal.firstIndex(of: ":"), colon > acl.principal.startIndex else {
            return invalid("expected a string in format principalType:principalName but got \(acl.principal)")
        }
        return nil
    }
}
