import SamsaProtocol

extension Admin {
    /// Creates ACLs (CreateAcls); throws the first refusal, as Kafka's `createAcls(...).all().get()`.
    public func createAcls(_ bindings: [AclBinding]) async throws {
        guard !bindings.isEmpty else { return }
        let response = try await controllerConnection().send(CreateAclsRequest(creations: bindings))
        if let failed = response.results.first(where: { $0.errorCode != .none }) {
            throw ClientError.broker(failed.errorCode, failed.errorMessage ?? "Creating ACLs failed.")
        }
    }

    /// The ACLs `filter` matches (DescribeAcls).
    public func describeAcls(_ filter: AclBindingFilter = .any) async throws -> [AclBinding] {
        let response = try await controllerConnection().send(DescribeAclsRequest(filter: filter))
        guard response.errorCode == .none else {
            throw ClientError.broker(response.errorCode, response.errorMessage ?? "Describing ACLs failed.")
        }
        return response.bindings
    }

    /// Deletes the ACLs the filters match (DeleteAcls); returns those deleted, per filter.
    @discardableResult
    public func deleteAcls(_ filters: [AclBindingFilter]) async throws -> [[AclBinding]] {
        guard !filters.isEmpty else { return [] }
        let response = try await controllerConnection().send(DeleteAclsRequest(filters: filters))
        return try response.filterResults.map { result in
            guard result.errorCode == .none else {
                throw ClientError.broker(result.errorCode, result.errorMessage ?? "Deleting ACLs failed.")
            }
            if let failed = result.matchingAcls.first(where: { $0.errorCode != .none }) {
                throw ClientError.broker(failed.errorCode, failed.errorMessage ?? "Deleting ACLs failed.")
            }
            return result.matchingAcls.map(\.acl)
        }
    }
}
