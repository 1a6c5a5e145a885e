import Foundation

/// The "start a Streams app" form: application id, input topic(s), output topic and processing guarantee,
/// filled with Kafka's quick-start names.
enum StreamsLaunchForm {
    static func form(_ demo: StreamsDemo) -> FormState {
        let launch = demo.defaultLaunch
        return FormState(title: "Start the \(demo.title) demo", purpose: .startStreams(demo), fields: [
            FormState.Field(label: "Application id", value: launch.applicationId, numeric: false),
            FormState.Field(label: demo == .pageViews ? "Inputs (views, users)" : "Input topic",
                            value: launch.inputTopics.joined(separator: ","), numeric: false),
            FormState.Field(label: "Output topic", value: launch.outputTopic, numeric: false),
            FormState.Field(label: "Guarantee", value: launch.guarantee.rawValue, numeric: false,
                            choices: ProcessingGuarantee.allCases.map(\.rawValue)),
        ])
    }

    /// The launch the form's trimmed `values` ask for, or what to fix.
    static func launch(_ demo: StreamsDemo, values: [String]) -> Result<StreamsLaunch, WorkbenchError> {
        guard values.count == 4 else { return .failure(WorkbenchError("The form is incomplete.")) }
        guard !values[0].isEmpty else { return .failure(WorkbenchError("Give the app an application id (it names its group and internal topics).")) }
        guard values[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            return .failure(WorkbenchError("An application id may use only letters, digits, '.', '_' and '-'."))
        }
        let inputs = values[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let wanted = demo == .pageViews ? 2 : 1
        guard inputs.count == wanted else {
            return .failure(WorkbenchError(wanted == 1 ? "Name one input topic." : "Name two input topics, the page views then the user table, separated by a comma."))
        }
        guard !values[2].isEmpty else { return .failure(WorkbenchError("Name the output topic.")) }
        guard !inputs.contains(values[2]) else { return .failure(WorkbenchError("The output topic must differ from the input topics.")) }
        let guarantee = ProcessingGuarantee(rawValue: values[3]) ?? .atLeastOnce
        return .success(StreamsLaunch(demo: demo, applicationId: values[0], inputTopics: inputs, outputTopic: values[2], guarantee: guarantee))
    }
}

extension FormState {
    static func startStreams(_ demo: StreamsDemo) -> FormState { StreamsLaunchForm.form(demo) }
}
