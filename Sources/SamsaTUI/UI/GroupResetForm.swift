import Foundation
import SamsaClient

/// The reset-offsets form (`r` on a group): kafka-consumer-groups' scenarios, a value where the scenario
/// takes one, and the scope (every topic the group committed, one topic, or one partition).
enum GroupResetForm {
    static let scenarios = ["to-earliest", "to-latest", "to-current", "to-offset", "to-datetime", "shift-by", "by-duration"]
    static let allTopics = "all topics"

    /// The form for `group`; its scope offers the group's topics and partitions.
    static func form(_ group: GroupStatus) -> FormState {
        var scopes = [allTopics]
        var topics: [String] = []
        for offset in group.offsets where !topics.contains(offset.topic) { topics.append(offset.topic) }
        scopes += topics
        scopes += group.offsets.map { "\($0.topic):\($0.partition)" }
        return FormState(title: "Reset offsets of \(group.id)", purpose: .resetOffsets(group: group.id), fields: [
            FormState.Field(label: "Scenario", value: scenarios[0], numeric: false, choices: scenarios),
            FormState.Field(label: "Value", value: "", numeric: false),
            FormState.Field(label: "Scope", value: allTopics, numeric: false, choices: scopes),
        ])
    }

    /// The request from the form's values (scenario, value, scope), or what to fix.
    static func request(_ values: [String]) -> Result<GroupResetRequest, WorkbenchError> {
        let value = values[1]
        let scenario: GroupResetRequest.Scenario
        switch values[0] {
        case "to-earliest": scenario = .earliest
        case "to-latest": scenario = .latest
        case "to-current": scenario = .current
        case "to-offset":
            guard let offset = Int64(value), offset >= 0 else {
                return .failure(WorkbenchError("to-offset needs an offset: a whole number of at least 0."))
            }
            scenario = .offset(offset)
        case "to-datetime":
            if let millis = Int64(value), millis >= 0 {
                scenario = .datetime(millis)
            } else {
                do { scenario = .datetime(try OffsetResetPlan.parseDateTime(value)) } catch {
                    return .failure(WorkbenchError("to-datetime needs YYYY-MM-DDTHH:mm:SS.sss (UTC unless followed by Z or ±HH:MM) or epoch milliseconds, not \"\(value)\"."))
                }
            }
        case "shift-by":
            guard let delta = Int64(value) else {
                return .failure(WorkbenchError("shift-by needs a whole number (negative moves back), not \"\(value)\"."))
            }
            scenario = .shiftBy(delta)
        case "by-duration":
            do { scenario = .byDuration(try OffsetResetPlan.parseDuration(value)) } catch {
                return .failure(WorkbenchError("by-duration needs an ISO-8601 duration such as PT15M, PT1H30M or P1D, not \"\(value)\"."))
            }
        default:
            return .failure(WorkbenchError("Choose a scenario."))
        }
        return .success(GroupResetRequest(scenario, scope: scope(values[2])))
    }

    /// "all topics", "orders" or "orders:2" (a topic may itself contain no colon: Kafka's names cannot).
    static func scope(_ text: String) -> GroupResetRequest.Scope {
        if text == allTopics || text.isEmpty { return .allTopics }
        if let colon = text.lastIndex(of: ":"), let partition = Int32(text[text.index(after: colon)...]) {
            return .partition(String(text[..<colon]), partition)
        }
        return .topic(text)
    }

    /// "to earliest", "shift by -5", "to 2026-11-30T10:00:00.000Z"… for titles and the status line.
    static func summary(_ request: GroupResetRequest) -> String {
        let what: String
        switch request.scenario {
        case .earliest: what = "to earliest"
        case .latest: what = "to latest"
        case .current: what = "to current"
        case .offset(let offset): what = "to offset \(offset)"
        case .datetime(let millis): what = "to \(Date(timeIntervalSince1970: Double(millis) / 1000).ISO8601Format())"
        case .shiftBy(let delta): what = "shift by \(delta)"
        case .byDuration(let millis): what = "by duration \(millis / 1000)s"
        }
        switch request.scope {
        case .allTopics: return what
        case .topic(let topic): return what + " on \(topic)"
        case .partition(let topic, let partition): return what + " on \(topic)-\(partition)"
        }
    }
}
