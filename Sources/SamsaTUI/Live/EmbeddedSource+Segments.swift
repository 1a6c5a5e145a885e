import SamsaEngine
import SamsaStorage

/// The segments view on the embedded cluster: the partition directory of the leader's replica, read with
/// dump-log's read-only reader (never written or locked, so the broker appending to it is not disturbed).
/// Runs in the action's task, off the UI thread.
extension EmbeddedSource {
    /// At most this many batches of a segment are shown (a line says how many bytes more).
    static let segmentBatchLimit = 2_000

    public func listSegments(topic: String, partition: Int32) async throws -> SegmentListing {
        let (broker, directory) = try partitionDirectory(topic: topic, partition: partition)
        let segments: [SegmentLogSummary]
        do {
            segments = try SegmentLogSummary.scanDirectory(directory)
        } catch {
            throw WorkbenchError("Cannot read the segments of \(topic)-\(partition): \(error)")
        }
        return SegmentListing(topic: topic, partition: partition, broker: broker, directory: directory, segments: segments)
    }

    public func dumpSegment(topic: String, partition: Int32, baseOffset: Int64, printData: Bool) async throws -> SegmentBatches {
        let (_, directory) = try partitionDirectory(topic: topic, partition: partition)
        let name = SegmentListing.logFileName(baseOffset)
        do {
            let file = try SegmentDumpFile(path: directory + "/" + name)
            let lines = try SegmentLogSummary.dumpLines(SegmentDumpBytes(file: file), baseOffset: baseOffset, fileName: name,
                                                        printData: printData, limit: Self.segmentBatchLimit)
            return SegmentBatches(fileName: name, baseOffset: baseOffset, printData: printData, lines: lines)
        } catch {
            throw WorkbenchError("\(error)")
        }
    }

    /// The leader's (else the first live replica's) broker and partition directory.
    private func partitionDirectory(topic: String, partition: Int32) throws -> (Int32, String) {
        let snapshot = cluster.snapshot()
        guard let info = snapshot.topics.first(where: { $0.name == topic })?.partitions.first(where: { $0.index == partition }) else {
            throw WorkbenchError("Partition \(topic)-\(partition) does not exist.")
        }
        let live = Set(snapshot.brokers.filter(\.live).map(\.id))
        let candidates = [info.leader] + info.replicas.map(\.brokerId).filter { live.contains($0) }
        guard let id = candidates.first(where: { $0 >= 0 }), let broker = cluster.broker(id) else {
            throw WorkbenchError("Partition \(topic)-\(partition) has no leader or live replica whose files could be read.")
        }
        return (id, broker.dataDirectory + "/" + PartitionDirectory.name(topic: topic, partition: partition))
    }
}
