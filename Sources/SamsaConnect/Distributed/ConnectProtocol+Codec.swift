import NIOCore
import SamsaProtocol

extension ConnectProtocol {
    /// The metadata bytes for `compatibility`: v0 `[version, url, config-offset]`; v1/v2 add the nullable
    /// `allocation` bytes (the worker's current assignment, itself encoded with its version header).
    public static func encodeMetadata(_ state: WorkerState, compatibility: Compatibility) -> [UInt8] {
        var writer = KafkaWriter()
        writer.writeInt16(compatibility.version)
        writer.writeString(state.url)
        writer.writeInt64(state.configOffset)
        if compatibility != .eager {
            let allocation = state.assignment.flatMap { $0.isEmpty ? nil : encodeAssignment($0, compatibility: compatibility) }
            writer.writeNullableBytes(allocation.map { ByteBuffer(bytes: $0) })
        }
        return Array(writer.buffer.readableBytesView)
    }

    public static func decodeMetadata(_ bytes: [UInt8]) throws -> WorkerState {
        var reader = KafkaReader(ByteBuffer(bytes: bytes))
        let version = try reader.readInt16("version")
        guard version >= 0 else { throw ConnectError.connect("Unsupported Connect protocol metadata version \(version).") }
        var state = WorkerState(url: try reader.readString("url"), configOffset: try reader.readInt64("config-offset"))
        // Kafka tolerates a missing allocation field (TOLERATE_MISSING_FIELDS_WITH_DEFAULTS).
        if version >= 1, reader.remaining > 0, let allocation = try reader.readNullableBytes("allocation") {
            state.assignment = try decodeAssignment(Array(allocation.readableBytesView))
        }
        return state
    }

    /// The assignment bytes: v0 `[version, error, leader, leader-url, config-offset, [connector, [task]]]`;
    /// v1/v2 make the assignment array nullable and add `revoked` and `delay`.
    public static func encodeAssignment(_ assignment: Assignment, compatibility: Compatibility) -> [UInt8] {
        var writer = KafkaWriter()
        writer.writeInt16(compatibility.version)
        writer.writeInt16(assignment.error)
        writer.writeString(assignment.leader)
        writer.writeString(assignment.leaderUrl)
        writer.writeInt64(assignment.configOffset)
        writeConnectorAssignments(&writer, connectors: assignment.connectors, tasks: assignment.tasks)
        if compatibility != .eager {
            writeConnectorAssignments(&writer, connectors: assignment.revokedConnectors, tasks: assignment.revokedTasks)
            writer.writeInt32(assignment.delay)
        }
        return Array(writer.buffer.readableBytesView)
    }

    public static func decodeAssignment(_ bytes: [UInt8]) throws -> Assignment {
        var reader = KafkaReader(ByteBuffer(bytes: bytes))
        let version = try reader.readInt16("version")
        guard version >= 0 else { throw ConnectError.connect("Unsupported Connect protocol assignment version \(version).") }
        var assignment = Assignment(error: try reader.readInt16("error"), leader: try reader.readString("leader"),
                                    leaderUrl: try reader.readString("leader-url"), configOffset: try reader.readInt64("config-offset"))
        (assignment.connectors, assignment.tasks) = try readConnectorAssignments(&reader)
        if version >= 1 {
            if reader.remaining > 0 { (assignment.revokedConnectors, assignment.revokedTasks) = try readConnectorAssignments(&reader) }
            if reader.remaining > 0 { assignment.delay = try reader.readInt32("delay") }
        }
        return assignment
    }

    /// Kafka's `asMap()`: one entry per connector, the connector itself as task -1 first, then its tasks.
    private static func writeConnectorAssignments(_ writer: inout KafkaWriter, connectors: [String], tasks: [ConnectorTaskId]) {
        let names = Set(connectors).union(tasks.map(\.connector)).sorted()
        let owned = Set(connectors)
        writer.writeArray(names) { w, name in
            w.writeString(name)
            var ids: [Int32] = owned.contains(name) ? [connectorTask] : []
            ids += tasks.filter { $0.connector == name }.map { Int32($0.task) }.sorted()
            w.writeArray(ids) { $0.writeInt32($1) }
        }
    }

    private static func readConnectorAssignments(_ reader: inout KafkaReader) throws -> ([String], [ConnectorTaskId]) {
        var connectors: [String] = []
        var tasks: [ConnectorTaskId] = []
        let entries = try reader.readNullableArray("assignment") { r in
            (try r.readString("connector"), try r.readArray("tasks") { try $0.readInt32("task") })
        } ?? []
        for (name, ids) in entries {
            for id in ids {
                if id == connectorTask { connectors.append(name) } else { tasks.append(ConnectorTaskId(connector: name, task: Int(id))) }
            }
        }
        return (connectors, tasks)
    }
}
