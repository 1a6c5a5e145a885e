import ArgumentParser
import SamsaStreams

/// `samsa streams pageviews`: the windowed demo (page views per region per minute, joined with user profiles).
struct StreamsPageViewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pageviews",
        abstract: "Count page views per region per 1-minute window, joining streams-pageview-input (user → page) with the table streams-userprofile-input (user → region).",
        discussion: """
        Output: streams-pageviews-per-region-output, key [region@windowStart/windowEnd] (epoch ms), value a Long count; \
        read it with: samsa console-consumer --topic streams-pageviews-per-region-output --from-beginning --property print.key=true --value-deserializer long. \
        Both inputs need the same number of partitions.
        """)

    @OptionGroup var options: StreamsOptions
    @Option(name: .customLong("user-profiles"), help: "The user → region table topic (default streams-userprofile-input).")
    var userProfiles: String?

    func run() async throws {
        let views = options.input ?? PageViewsDemo.pageViewTopic
        let profiles = userProfiles ?? PageViewsDemo.userProfileTopic
        let output = options.output ?? PageViewsDemo.outputTopic
        try await StreamsRunner.run(options, defaultApplicationId: PageViewsDemo.applicationId,
                                    topology: try PageViewsDemo.topology(pageViews: views, userProfiles: profiles, output: output),
                                    topics: [DemoTopic(views), DemoTopic(profiles), DemoTopic(output)])
    }
}
