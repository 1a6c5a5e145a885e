/// Kafka's Pipe tutorial application: every record of `streams-plaintext-input` copied unchanged to
/// `streams-pipe-output` (keys and values as bytes, so nothing is decoded or re-encoded on the way).
public enum PipeDemo {
    public static let applicationId = "streams-pipe"
    public static let inputTopic = "streams-plaintext-input"
    public static let outputTopic = "streams-pipe-output"

    public static func topology(input: String = inputTopic, output: String = outputTopic) throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream(input, Consumed(key: Serdes.bytes, value: Serdes.bytes)).to(output)
        return try builder.build()
    }
}
