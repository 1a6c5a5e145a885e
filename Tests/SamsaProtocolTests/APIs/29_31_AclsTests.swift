import Testing
@testable import SamsaProtocol

@Suite struct AclsMessageTests {
    let prefixed = AclBinding(resourceType: .topic, resourceName: "orders-", patternType: .prefixed, principal: "User:alice",
                              host: "*", operation: .read, permission: .allow)
    let literal = AclBinding(resourceType: .group, resourceName: "g", patternType: .literal, principal: "User:bob",
                             host: "10.0.0.1", operation: .describe, permission: .deny)

    /// v0 carries no pattern type: it reads back as literal.
    func atV0(_ binding: AclBinding, _ version: Int16) -> AclBinding {
        var copy = binding
        if version == 0 { copy.patternType = .literal }
        return copy
    }

    @Test func createAclsRoundTripsEveryVersion() throws {
        let request = CreateAclsRequest(creations: [prefixed, literal])
        try CodecChecks.roundTrip(request, versions: CreateAclsRequest.versions, flexibleFrom: 2) { version in
            CreateAclsRequest(creations: [atV0(prefixed, version), literal])
        }
        let response = CreateAclsResponse(throttleTimeMs: 3, results: [.init(), .init(errorCode: .invalidRequest, errorMessage: "Invalid operation ANY")])
        try CodecChecks.roundTrip(response, versions: CreateAclsRequest.versions, flexibleFrom: 2)
    }

    @Test func describeAclsRoundTripsEveryVersion() throws {
        let filter = AclBindingFilter(resourceType: .topic, resourceName: "orders", patternType: .match, principal: nil,
                                      host: "*", operation: .any, permission: .allow)
        try CodecChecks.roundTrip(DescribeAclsRequest(filter: filter), versions: DescribeAclsRequest.versions, flexibleFrom: 2) { version in
            var expected = filter
            if version == 0 { expected.patternType = .literal }
            return DescribeAclsRequest(filter: expected)
        }
        let response = DescribeAclsResponse(bindings: [prefixed, literal])
        #expect(Set(response.bindings) == [prefixed, literal])
        try CodecChecks.roundTrip(response, versions: DescribeAclsRequest.versions, flexibleFrom: 2) { version in
            DescribeAclsResponse(bindings: [atV0(prefixed, version), literal])
        }
        let refused = DescribeAclsResponse(errorCode: .securityDisabled, errorMessage: "No Authorizer is configured on the broker")
        try CodecChecks.roundTrip(refused, versions: DescribeAclsRequest.versions, flexibleFrom: 2)
    }

    @Test func deleteAclsRoundTripsEveryVersion() throws {
        let filters = [AclBindingFilter(exactly: literal), .any]
        try CodecChecks.roundTrip(DeleteAclsRequest(filters: filters), versions: DeleteAclsRequest.versions, flexibleFrom: 2) { version in
            var any = AclBindingFilter.any
            if version == 0 { any.patternType = .literal }
            return DeleteAclsRequest(filters: [filters[0], any])
        }
        let response = DeleteAclsResponse(throttleTimeMs: 1, filterResults: [
            .init(matchingAcls: [.init(acl: literal), .init(errorCode: .unknownServerError, errorMessage: "x", acl: prefixed)]),
            .init(errorCode: .securityDisabled, errorMessage: "No Authorizer is configured."),
        ])
        try CodecChecks.roundTrip(response, versions: DeleteAclsRequest.versions, flexibleFrom: 2) { version in
            DeleteAclsResponse(throttleTimeMs: 1, filterResults: [
                .init(matchingAcls: [.init(acl: literal), .init(errorCode: .unknownServerError, errorMessage: "x", acl: atV0(prefixed, version))]),
                .init(errorCode: .securityDisabled, errorMessage: "No Authorizer is configured."),
            ])
        }
    }

    @Test func filtersMatchAsKafka() {
        let wildcard = AclBinding(resourceType: .topic, resourceName: "*", patternType: .literal, principal: "User:*",
                                  host: "*", operation: .all, permission: .allow)
        let exact = AclBinding(resourceType: .topic, resourceName: "orders-eu", patternType: .literal, principal: "User:alice",
                               host: "*", operation: .write, permission: .allow)
        let match = AclBindingFilter(resourceType: .topic, resourceName: "orders-eu", patternType: .match)
        #expect([prefixed, wildcard, exact].allSatisfy(match.matches))
        #expect(!match.matches(literal))
        let any = AclBindingFilter(resourceType: .any, resourceName: "orders-eu", patternType: .any)
        #expect(any.matches(exact) && !any.matches(prefixed) && !any.matches(wildcard))
        #expect(AclBindingFilter(patternType: .prefixed).matches(prefixed) && !AclBindingFilter(patternType: .prefixed).matches(exact))
        #expect(AclBindingFilter(principal: "User:bob").matches(literal) && !AclBindingFilter(principal: "User:bob").matches(exact))
        #expect(AclBindingFilter(operation: .write, permission: .allow).matches(exact))
        #expect(AclBindingFilter(resourceType: .unknown).problem == "Unknown patternFilter.")
        #expect(AclBindingFilter(operation: .unknown).problem == "Unknown entryFilter.")
    }

    @Test func namesReadAndPrintAsKafka() {
        #expect(AclOperation(name: "idempotent_write") == .idempotentWrite && AclOperation(name: "READ") == .read)
        #expect(AclOperation.idempotentWrite.javaName == "IDEMPOTENT_WRITE" && AclResourceType.transactionalId.javaName == "TRANSACTIONAL_ID")
        #expect(prefixed.patternText == "ResourcePattern(resourceType=TOPIC, name=orders-, patternType=PREFIXED)")
        #expect(prefixed.entryText == "(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)")
        #expect(AclOperation(code: 99) == .unknown)
    }
}
