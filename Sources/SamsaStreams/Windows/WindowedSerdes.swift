/// Serdes for windowed keys in Kafka's byte formats, so a windowed table written with `toStream().to(...)`
/// holds what Kafka Streams writes: `TimeWindowedSerializer` (key bytes + 8-byte big-endian window start) and
/// `SessionWindowedSerializer` (key bytes + 8-byte end + 8-byte start).
public enum WindowedSerdes {
    /// Time windows: the end is not written; reading needs the window size (Kafka's `window.size.ms`).
    public static func timeWindowed<K>(_ inner: Serde<K>, windowSizeMs: Int64) -> Serde<Windowed<K>> {
        Serde(name: "TimeWindowed<\(inner.name)>", serialize: { windowed in
            try inner.serialize(windowed.key) + Serdes.bigEndianBytes(windowed.window.start)
        }, deserialize: { bytes in
            guard bytes.count >= 8 else {
                throw SerdeError("TimeWindowed serde expects at least 8 bytes, got \(bytes.count).")
            }
            let start = try Serdes.fromBigEndian(Array(bytes[(bytes.count - 8)...]), as: Int64.self, serde: "TimeWindowed")
            let (end, overflow) = start.addingReportingOverflow(windowSizeMs)
            return Windowed(key: try inner.deserialize(Array(bytes[..<(bytes.count - 8)])),
                            window: Window(start: start, end: overflow ? .max : end))
        })
    }

    /// Session windows: key, then end, then start.
    public static func sessionWindowed<K>(_ inner: Serde<K>) -> Serde<Windowed<K>> {
        Serde(name: "SessionWindowed<\(inner.name)>", serialize: { windowed in
            try inner.serialize(windowed.key) + Serdes.bigEndianBytes(windowed.window.end)
                + Serdes.bigEndianBytes(windowed.window.start)
        }, deserialize: { bytes in
            guard bytes.count >= 16 else {
                throw SerdeError("SessionWindowed serde expects at least 16 bytes, got \(bytes.count).")
            }
            let n = bytes.count
            let end = try Serdes.fromBigEndian(Array(bytes[(n - 16)..<(n - 8)]), as: Int64.self, serde: "SessionWindowed")
            let start = try Serdes.fromBigEndian(Array(bytes[(n - 8)...]), as: Int64.self, serde: "SessionWindowed")
            return Windowed(key: try inner.deserialize(Array(bytes[..<(n - 16)])), window: Window(start: start, end: end))
        })
    }
}
