import Foundation
import SamsaProtocol

/// `samsa cluster --describe` output: one row per broker, down ones included.
public enum ClusterStateFormat {
    public static func lines(_ state: SamsaClusterResponse) -> [String] {
        let rows = state.brokers.map { broker -> [String] in
            var notes: [String] = []
            if broker.brokerId == state.controllerId { notes.append("controller") }
            if broker.status == "isolated" { notes.append(broker.live ? "not yet fenced" : "fenced") }
            if broker.replicationDelayMs > 0 { notes.append("slow follower: +\(broker.replicationDelayMs) ms per fetch") }
            return ["\(broker.brokerId)", "\(broker.host):\(broker.port)", broker.status, notes.joined(separator: ", ")]
        }
        return Table.render(header: ["BROKER", "ADDRESS", "STATUS", "NOTE"], rows: rows)
    }
}

/// Left-aligned columns separated by two spaces, as Kafka's tools print them.
public enum Table {
    public static func render(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingSuffixSpaces()
        }
    }
}

extension String {
    func trimmingSuffixSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
