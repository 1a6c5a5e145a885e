/// The segments view's actions: their results ride on the outcome to the overlay.
extension WorkbenchAction {
    func performSegments(on source: any WorkbenchSource) async throws -> ActionOutcome {
        switch self {
        case .listSegments(let topic, let partition):
            let listing = try await source.listSegments(topic: topic, partition: partition)
            var outcome = ActionOutcome.success(self, "\(Format.counted(listing.segments.count, "segment")) of \(topic)-\(partition) on broker \(listing.broker) (\(listing.directory)).")
            outcome.segmentListing = listing
            return outcome
        case .dumpSegment(let topic, let partition, let baseOffset, let printData):
            let batches = try await source.dumpSegment(topic: topic, partition: partition, baseOffset: baseOffset, printData: printData)
            var outcome = ActionOutcome.success(self, "\(batches.fileName)\(printData ? " with keys and payloads" : ""): p toggles keys and payloads, Esc goes back.")
            outcome.segmentBatches = batches
            return outcome
        default:
            throw WorkbenchError("Not a segments action.")
        }
    }
}
