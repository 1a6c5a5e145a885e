/// The menu's Streams section: start a demo (a form for its topics and processing guarantee), stop an app
/// started here, show the Streams view.
extension MenuBuilder {
    static func streamsItems(_ snapshot: WorkbenchSnapshot) -> [MenuItem] {
        var items = StreamsDemo.allCases.map { demo in
            MenuItem(title: "Start the \(demo.title) demo…", note: "a Streams app in this process", then: .form(.startStreams(demo)))
        }
        for app in snapshot.streams {
            items.append(MenuItem(title: "Stop Streams app \(app.applicationId)",
                                  then: .run(.stopStreams(applicationId: app.applicationId))))
        }
        items.append(MenuItem(title: "Show or hide the Streams view (S)", then: .command(.toggleStreams)))
        return items
    }

    /// What s in the Streams view offers: one form per demo.
    static func startStreamsLevel() -> MenuLevel {
        MenuLevel(title: "Start a Streams app", items: StreamsDemo.allCases.map { demo in
            MenuItem(title: "Start the \(demo.title) demo…", then: .form(.startStreams(demo)))
        })
    }
}
