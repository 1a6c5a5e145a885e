import Foundation

/// The connectors the workbench's forms create, with Kafka's quick-start names.
enum ConnectorKind: String, CaseIterable, Equatable {
    case fileSource, fileSink, generator

    var title: String {
        switch self {
        case .fileSource: "file source"
        case .fileSink: "file sink"
        case .generator: "generator"
        }
    }

    /// The plugin class `GET /connector-plugins` must list for a remote cluster to run it.
    var pluginClass: String {
        switch self {
        case .fileSource: "FileStreamSourceConnector"
        case .fileSink: "FileStreamSinkConnector"
        case .generator: "DatagenConnector"
        }
    }
}

/// The Connect forms: a file source (name, file, topic), a file sink (name, topics, file), a generator
/// (name, topic, quickstart, interval), and lines to append to a file. Filled with the quick start's
/// `connect-file-source.properties` / `connect-file-sink.properties`; they make Kafka's connector configs.
enum ConnectForms {
    /// Kafka's FileStream connectors and a Datagen-like generator (Confluent's class name and settings).
    static let fileSourceClass = "FileStreamSource"
    static let fileSinkClass = "FileStreamSink"
    static let generatorClass = "io.confluent.kafka.connect.datagen.DatagenConnector"
    static let quickstarts = ["users", "pageviews", "orders", "stock_trades"]

    static func form(_ kind: ConnectorKind, directory: String) -> FormState {
        let purpose = FormState.Purpose.createConnector(kind, directory: directory)
        let title = "Create a \(kind.title)"
        switch kind {
        case .fileSource:
            return FormState(title: title, purpose: purpose, fields: [
                FormState.Field(label: "Name", value: "local-file-source", numeric: false),
                FormState.Field(label: "File", value: "test.txt", numeric: false),
                FormState.Field(label: "Topic", value: "connect-test", numeric: false),
            ])
        case .fileSink:
            return FormState(title: title, purpose: purpose, fields: [
                FormState.Field(label: "Name", value: "local-file-sink", numeric: false),
                FormState.Field(label: "Topics", value: "connect-test", numeric: false),
                FormState.Field(label: "File", value: "test.sink.txt", numeric: false),
            ])
        case .generator:
            return FormState(title: title, purpose: purpose, fields: [
                FormState.Field(label: "Name", value: "datagen-users", numeric: false),
                FormState.Field(label: "Topic", value: "users", numeric: false),
                FormState.Field(label: "Quickstart", value: quickstarts[0], numeric: false, choices: quickstarts),
                FormState.Field(label: "Interval (ms)", value: "1000", numeric: true),
            ])
        }
    }

    /// Lines to append to `file`; `\n` in the text separates lines, as in `echo -e "foo\nbar"`.
    static func appendForm(file: String, directory: String) -> FormState {
        FormState(title: "Write lines to a file", purpose: .appendLines(directory: directory), fields: [
            FormState.Field(label: "File", value: file, numeric: false),
            FormState.Field(label: "Lines (\\n between)", value: "foo\\nbar", numeric: false),
        ])
    }

    /// The connector the trimmed `values` ask for, or what to fix. Relative files resolve under `directory`.
    static func connector(_ kind: ConnectorKind, values: [String], directory: String) -> Result<WorkbenchAction, WorkbenchError> {
        guard values.count == (kind == .generator ? 4 : 3) else { return .failure(WorkbenchError("The form is incomplete.")) }
        let name = values[0]
        guard !name.isEmpty else { return .failure(WorkbenchError("Give the connector a name.")) }
        guard !name.contains(where: { $0.isASCII && ($0.asciiValue! < 32 || $0.asciiValue! == 127) }) else {
            return .failure(WorkbenchError("A connector name may not contain control characters."))
        }
        switch kind {
        case .fileSource:
            guard !values[1].isEmpty else { return .failure(WorkbenchError("Name the file to read.")) }
            guard topicIsValid(values[2]) else { return .failure(WorkbenchError(topicSentence(values[2], "write to"))) }
            return .success(.createConnector(name: name, config: [
                "connector.class": fileSourceClass, "tasks.max": "1",
                "file": ConnectFiles.resolve(values[1], in: directory), "topic": values[2]]))
        case .fileSink:
            let topics = values[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !topics.isEmpty else { return .failure(WorkbenchError("Name the topic to read (several with commas).")) }
            if let bad = topics.first(where: { !topicIsValid($0) }) { return .failure(WorkbenchError(topicSentence(bad, "read"))) }
            guard !values[2].isEmpty else { return .failure(WorkbenchError("Name the file to write.")) }
            return .success(.createConnector(name: name, config: [
                "connector.class": fileSinkClass, "tasks.max": "1",
                "file": ConnectFiles.resolve(values[2], in: directory), "topics": topics.joined(separator: ",")]))
        case .generator:
            guard topicIsValid(values[1]) else { return .failure(WorkbenchError(topicSentence(values[1], "write to"))) }
            guard let interval = Int(values[3]), interval > 0 else {
                return .failure(WorkbenchError("The interval is a whole number of milliseconds, at least 1."))
            }
            return .success(.createConnector(name: name, config: [
                "connector.class": generatorClass, "tasks.max": "1", "kafka.topic": values[1],
                "quickstart": values[2], "max.interval": String(interval)]))
        }
    }

    static func appendLines(values: [String], directory: String) -> Result<WorkbenchAction, WorkbenchError> {
        guard values.count == 2 else { return .failure(WorkbenchError("The form is incomplete.")) }
        guard !values[0].isEmpty else { return .failure(WorkbenchError("Name the file to write to.")) }
        let lines = values[1].components(separatedBy: "\\n")
        guard lines.contains(where: { !$0.isEmpty }) else { return .failure(WorkbenchError("Type a line to write.")) }
        return .success(.appendLines(path: ConnectFiles.resolve(values[0], in: directory), lines: lines))
    }

    /// Kafka's topic names: 1 to 249 of letters, digits, '.', '_' and '-', not "." or "..".
    static func topicIsValid(_ topic: String) -> Bool {
        !topic.isEmpty && topic.count <= 249 && topic != "." && topic != ".."
            && topic.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    private static func topicSentence(_ topic: String, _ verb: String) -> String {
        topic.isEmpty ? "Name the topic to \(verb)."
            : "\(topic) is not a valid topic name: use letters, digits, '.', '_' and '-'."
    }
}
