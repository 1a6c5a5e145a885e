/// Transactions on the workbench's own transactional producers (see ``TransactionalProducers``).
extension WorkbenchClients {
    func beginTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try await readable(.init(operation: "Write", transactionalId: transactionalId)) { try await transactional.begin(transactionalId) }
    }

    func commitTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try await readable(.init(operation: "Write", transactionalId: transactionalId)) { try await transactional.commit(transactionalId) }
    }

    func abortTransaction(transactionalId: String) async throws -> TransactionReceipt {
        try await readable(.init(operation: "Write", transactionalId: transactionalId)) { try await transactional.abort(transactionalId) }
    }
}
