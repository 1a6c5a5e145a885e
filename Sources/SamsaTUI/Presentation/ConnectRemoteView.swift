import Foundation
import SamsaConnect

/// What the Connect view shows of a Connect cluster reached over REST (`--connect-url`): whether it answers,
/// its connectors' offsets as text, its connector plugins. The REST API has no record counts, so no rates.
enum ConnectRemoteView {
    static let noRates = "rates: not in Kafka Connect's REST API"

    static func remote(_ state: RemoteHerder.State) -> WorkbenchConnect.Remote {
        WorkbenchConnect.Remote(url: state.url, failingSince: state.failingSince, failure: state.failure,
                                offsets: state.offsets.mapValues { $0.map(offsetText) },
                                pluginClasses: state.plugins.filter { $0.kind == .source || $0.kind == .sink }.map(\.className))
    }

    /// `Connect REST at http://h:8083/ not answering since 14:02:11: <reason>`, nil while it answers.
    static func notAnswering(_ state: RemoteHerder.State) -> String? {
        notAnswering(url: state.url, since: state.failingSince, failure: state.failure)
    }

    static func notAnswering(_ remote: WorkbenchConnect.Remote) -> String? {
        notAnswering(url: remote.url, since: remote.failingSince, failure: remote.failure)
    }

    private static func notAnswering(url: String, since: Date?, failure: String?) -> String? {
        guard let since else { return nil }
        return "Connect REST at \(url) not answering since \(Format.clock(since)): \(failure ?? "no answer")"
    }

    /// `filename=/tmp/test.txt → position=8`; a sink's `kafka_topic=t, kafka_partition=0 → kafka_offset=5`
    /// reads `t-0 → offset 5`.
    static func offsetText(_ offset: ConnectorOffset) -> String {
        if let topic = offset.partition["kafka_topic"]?.stringValue, let partition = offset.partition["kafka_partition"]?.integerValue,
           let position = offset.offset["kafka_offset"]?.integerValue {
            return "\(topic)-\(partition) → offset \(position)"
        }
        return text(offset.partition) + " → " + text(offset.offset)
    }

    private static func text(_ map: SourceMap) -> String {
        map.keys.sorted().map { "\($0)=" + text(map[$0]!) }.joined(separator: ", ")
    }

    private static func text(_ value: ConnectValue) -> String {
        switch value {
        case .null: "null"
        case .string(let s): s
        case .boolean(let b): String(b)
        case .float32(let f): String(f)
        case .float64(let d): String(d)
        case .bytes(let b): Format.counted(b.count, "byte")
        case .array(let items): "[" + items.map(text).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { text($0.key) + "=" + text($0.value) }.joined(separator: ", ") + "}"
        case .structure: "{…}"
        default: value.integerValue.map(String.init) ?? "?"
        }
    }
}
