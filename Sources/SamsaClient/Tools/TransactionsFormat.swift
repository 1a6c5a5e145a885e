import SamsaProtocol

/// `kafka-transactions.sh` output, column for column: Kafka's `ToolsUtils.prettyPrintTable` pads each cell
/// to its column's widest value and ends every cell, the last included, with a tab.
public enum TransactionsFormat {
    public static let listHeaders = ["TransactionalId", "Coordinator", "ProducerId", "TransactionState"]
    public static let describeHeaders = ["CoordinatorId", "TransactionalId", "ProducerId", "ProducerEpoch", "TransactionState",
                                         "TransactionTimeoutMs", "CurrentTransactionStartTimeMs", "TransactionDurationMs",
                                         "TopicPartitions"]
    public static let producersHeaders = ["ProducerId", "ProducerEpoch", "LatestCoordinatorEpoch", "LastSequence", "LastTimestamp",
                                          "CurrentTransactionStartOffset"]

    public static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in cell + String(repeating: " ", count: max(0, widths[i] - cell.count)) + "\t" }.joined() + "\n"
        }
        return line(headers) + rows.map(line).joined()
    }

    /// `--list`: listings grouped by coordinator, as Kafka prints its per-broker map.
    public static func list(_ listings: [TransactionListing]) -> String {
        let sorted = listings.sorted { ($0.coordinatorId, $0.transactionalId) < ($1.coordinatorId, $1.transactionalId) }
        return table(listHeaders, sorted.map { [$0.transactionalId, "\($0.coordinatorId)", "\($0.producerId)", $0.state] })
    }

    /// `--describe`: the duration is `nowMs` minus the start time; both are "None" when no transaction is open.
    public static func describe(_ description: TransactionDescription, nowMs: Int64) -> String {
        let start = description.transactionStartTimeMs
        return table(describeHeaders, [[
            "\(description.coordinatorId)", description.transactionalId, "\(description.producerId)", "\(description.producerEpoch)",
            description.state, "\(description.transactionTimeoutMs)", start.map { "\($0)" } ?? "None",
            start.map { "\(nowMs - $0)" } ?? "None",
            description.topicPartitions.map { "\($0.topic)-\($0.partition)" }.joined(separator: ","),
        ]])
    }

    /// `--describe-producers`.
    public static func producers(_ states: [ProducerStateDescription]) -> String {
        table(producersHeaders, states.map {
            ["\($0.producerId)", "\($0.producerEpoch)", "\($0.coordinatorEpoch ?? -1)", "\($0.lastSequence)", "\($0.lastTimestamp)",
             $0.currentTransactionStartOffset.map { "\($0)" } ?? "None"]
        })
    }
}
