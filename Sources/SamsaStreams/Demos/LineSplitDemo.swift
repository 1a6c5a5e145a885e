/// Kafka's LineSplit tutorial application: each line of `streams-plaintext-input` split on non-word characters
/// (`flatMapValues(value -> Arrays.asList(value.split("\\W+")))`, case kept) into one record per word on
/// `streams-linesplit-output`, with the line's key.
public enum LineSplitDemo {
    public static let applicationId = "streams-linesplit"
    public static let inputTopic = "streams-plaintext-input"
    public static let outputTopic = "streams-linesplit-output"

    public static func topology(input: String = inputTopic, output: String = outputTopic) throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream(input, Consumed(key: Serdes.string, value: Serdes.string))
            .flatMapValues { line in split(line) }
            .to(output)
        return try builder.build()
    }

    /// Java's `split("\\W+")` without lower-casing; empty pieces are dropped (see `WordCountDemo.words`).
    public static func split(_ line: String) -> [String] {
        line.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }).map(String.init)
    }
}
