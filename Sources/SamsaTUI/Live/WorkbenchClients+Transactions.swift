// TEMPORARY until SamsaClient's transactional producer is merged (txn-client).
extension WorkbenchClients {
    func beginTransaction(transactionalId: String) async throws -> TransactionReceipt {
        throw WorkbenchError("Transactions need SamsaClient's transactional producer.")
    }
    func commitTransaction(transactionalId: String) async throws -> TransactionReceipt {
        throw WorkbenchError("Transactions need SamsaClient's transactional producer.")
    }
    func abortTransaction(transactionalId: String) async throws -> TransactionReceipt {
        throw WorkbenchError("Transactions need SamsaClient's transactional producer.")
    }
}
