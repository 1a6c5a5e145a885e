/// Kafka's WordCountDemo (`org.apache.kafka.streams.examples.wordcount.WordCountDemo`): each line is lower-cased
/// and split on non-word characters, the words re-keyed (a repartition topic), counted per word in the
/// `counts-store` key-value store, and every new count written as String key → Long value (8 bytes,
/// big-endian), so `console-consumer --property print.key=true --value-deserializer long` prints `kafka	3`.
public enum WordCountDemo {
    public static let applicationId = "streams-wordcount"
    public static let inputTopic = "streams-plaintext-input"
    public static let outputTopic = "streams-wordcount-output"
    public static let storeName = "counts-store"
    /// What Kafka's WordCountDemo sets unless its properties say otherwise: no record cache, so every count
    /// shows as it changes. A `--config` file with `cache.max.bytes.buffering` turns the cache on.
    public static let defaultProperties = ["statestore.cache.max.bytes": "0"]

    public static func topology(input: String = inputTopic, output: String = outputTopic) throws -> Topology {
        let builder = StreamsBuilder()
        builder.stream(input, Consumed(key: Serdes.string, value: Serdes.string))
            .flatMapValues { line in words(in: line) }
            .groupBy { _, word in word }
            .count(Materialized.as(storeName))
            .toStream()
            .to(output, Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }

    /// Kafka's `value.toLowerCase().split("\\W+")`: Java's `\W` is anything but ASCII `[a-zA-Z0-9_]`, so
    /// "Grüße, KAFKA-streams!" gives "gr", "e", "kafka", "streams". Unlike Java's split, an empty word before a
    /// leading separator (" hi" → "", "hi") is not counted: it is noise, not a word.
    public static func words(in line: String) -> [String] {
        let lowered = line.utf8.allSatisfy { $0 < 0x80 } ? line : line.lowercased()
        var words: [String] = []
        var word: [UInt8] = []
        for byte in lowered.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                word.append(byte + 32)
            default:
                if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
