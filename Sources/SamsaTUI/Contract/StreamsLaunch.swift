import SamsaStreams

/// The Streams demos the workbench can run in-process, as `samsa streams …` runs them.
public enum StreamsDemo: String, Sendable, CaseIterable {
    /// Kafka's WordCountDemo: lines in, String word → Long count out.
    case wordCount = "wordcount"
    /// Page views per region in 1-minute tumbling windows, the region from a join with a user-profile table.
    case pageViews = "pageviews"

    public var title: String {
        switch self {
        case .wordCount: "word count"
        case .pageViews: "page views (windowed)"
        }
    }

    /// Kafka's quick-start names: the application id and the topics each demo reads and writes.
    public var defaultLaunch: StreamsLaunch {
        switch self {
        case .wordCount:
            StreamsLaunch(demo: self, applicationId: WordCountDemo.applicationId, inputTopics: [WordCountDemo.inputTopic],
                          outputTopic: WordCountDemo.outputTopic)
        case .pageViews:
            StreamsLaunch(demo: self, applicationId: PageViewsDemo.applicationId,
                          inputTopics: [PageViewsDemo.pageViewTopic, PageViewsDemo.userProfileTopic],
                          outputTopic: PageViewsDemo.outputTopic)
        }
    }
}

/// Kafka's `processing.guarantee` values the workbench offers.
public enum ProcessingGuarantee: String, Sendable, CaseIterable {
    case atLeastOnce = "at_least_once"
    case exactlyOnceV2 = "exactly_once_v2"
}

/// What the workbench's "start a Streams app" form asks for.
public struct StreamsLaunch: Sendable, Equatable {
    public var demo: StreamsDemo
    public var applicationId: String
    /// The topics it reads: the word count one, the page views demo its views then its user table.
    public var inputTopics: [String]
    public var outputTopic: String
    public var guarantee: ProcessingGuarantee
    /// For its internal topics (changelogs, repartition topics); -1 leaves it to the brokers' default. The
    /// workbench sets it to what the live brokers allow, so an app starts while a broker is down.
    public var replicationFactor: Int16 = -1

    public init(demo: StreamsDemo, applicationId: String, inputTopics: [String], outputTopic: String,
                guarantee: ProcessingGuarantee = .atLeastOnce) {
        self.demo = demo
        self.applicationId = applicationId
        self.inputTopics = inputTopics
        self.outputTopic = outputTopic
        self.guarantee = guarantee
    }
}
