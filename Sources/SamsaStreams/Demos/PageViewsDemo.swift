/// A windowed demo in the spirit of Kafka's PageViewRegionExample: page views per region per 1-minute tumbling
/// window, the region found by joining each view with a user-profile table.
///
/// Topics (all String keys and values, so console-producer with `parse.key=true` writes them):
/// - `streams-pageview-input`: key = user, value = the page viewed; the record's timestamp is the event time.
/// - `streams-userprofile-input`: key = user, value = the user's region (a table: the latest value wins, a
///   null value deletes the profile). Must have as many partitions as the page views (a stream-table join).
/// - `streams-pageviews-per-region-output`: key = Kafka's windowed key text `[region@start/end]` (epoch ms),
///   value = the view count so far in that window as a Long (8 bytes, big-endian); views of users without a
///   profile (or with an empty region) count under region `unknown`.
/// Windows close 30 s after they end (the grace period): later views of a closed window are dropped.
public enum PageViewsDemo {
    public static let applicationId = "streams-pageviews"
    public static let pageViewTopic = "streams-pageview-input"
    public static let userProfileTopic = "streams-userprofile-input"
    public static let outputTopic = "streams-pageviews-per-region-output"
    public static let storeName = "pageviews-per-region"
    public static let windowSize = Duration.seconds(60)
    public static let grace = Duration.seconds(30)

    public static func topology(pageViews: String = pageViewTopic, userProfiles: String = userProfileTopic,
                                output: String = outputTopic) throws -> Topology {
        let builder = StreamsBuilder()
        let regions = builder.table(userProfiles, Consumed(key: Serdes.string, value: Serdes.string))
        builder.stream(pageViews, Consumed(key: Serdes.string, value: Serdes.string))
            .leftJoin(regions) { _, region in region.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown" }
            .selectKey { _, region in region }
            .groupByKey(Grouped(key: Serdes.string, value: Serdes.string))
            .windowedBy(try TimeWindows.ofSizeAndGrace(windowSize, grace: grace))
            .count(Materialized.as(storeName))
            .toStream()
            .map { window, count in (window?.description, count) }
            .to(output, Produced(key: Serdes.string, value: Serdes.long))
        return try builder.build()
    }
}
