import Foundation
import Testing
@testable import SamsaTUI

/// The Streams view's keys and menus: S shows it, s starts a demo through a form, x stops an app started
/// here, j/k choose an app, and a started word count points the producer at its input topic.
@Suite struct StreamsInteractionTests {
    @Test func sShowsTheStreamsViewInPlaceOfTheTopicAndGroupPanes() {
        let (workbench, canvas) = Fixtures.workbench(StreamsFixtures.cluster())
        workbench.press(.char("S"))
        #expect(workbench.state.focus == .streams)
        #expect(workbench.layout.panes[.streams] != nil)
        #expect(workbench.layout.panes[.topics] == nil && workbench.layout.panes[.groups] == nil)
        #expect(workbench.layout.panes[.events] != nil && workbench.layout.panes[.producer] != nil)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Streams (2)"))
        #expect(canvas.screen.contains("clicks-app  Stable  lag 8  2 members  on the cluster"))
        #expect(canvas.screen.contains("streams-wordcount  RUNNING  12.5/s  lag 3  started here"))
        // The first app (by id) is shown in detail; j moves to the word count and its topology.
        #expect(canvas.screen.contains("partition 0: clicks, clicks-app-agg-repartition"))
        workbench.press(.char("j"))
        Fixtures.draw(workbench, on: canvas)
        #expect(workbench.state.selectedStreamsApp == "streams-wordcount")
        #expect(canvas.screen.contains("→ KSTREAM-AGGREGATE-0000000003 [counts-store]"))
        #expect(canvas.screen.contains("counts-store 1_0 · 42 keys: kafka 3 · streams 2"))
        workbench.press(.char("S"))
        #expect(workbench.layout.panes[.streams] == nil && workbench.layout.panes[.topics] != nil)
        #expect(workbench.state.focus == .topics)
    }

    @Test func pageDownScrollsTheDetailsAndStopsAtTheirEnd() {
        let (workbench, canvas) = Fixtures.workbench(StreamsFixtures.cluster(), rows: 24, cols: 80)
        workbench.press(.char("S"), .char("j"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("word count, at_least_once, started here"))
        workbench.press(.pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        Fixtures.draw(workbench, on: canvas)
        #expect(!canvas.screen.contains("word count, at_least_once, started here"))
        // Clamped to the last page: the last detail row (the topology's last sink) is on screen.
        #expect(canvas.screen.contains("→ KSTREAM-SINK-0000000008 ⇒ streams-wordcount-output"))
        workbench.press(.char("g"))
        Fixtures.draw(workbench, on: canvas)
        #expect(workbench.state.streamsDetailScroll == 0)
    }

    @Test func theStartFormSendsTheWordCountWithTheChosenGuarantee() {
        let (workbench, canvas) = Fixtures.workbench(StreamsFixtures.cluster(local: []))
        workbench.press(.char("S"), .char("s"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Start the word count demo…"))
        #expect(canvas.screen.contains("Start the page views (windowed) demo…"))
        workbench.press(.enter)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Start the word count demo"))
        #expect(canvas.screen.contains("streams-plaintext-input"))
        workbench.press(.tab, .tab, .tab, .right)  // the guarantee
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("◂ exactly_once_v2 ▸"))
        var launch = StreamsDemo.wordCount.defaultLaunch
        launch.guarantee = .exactlyOnceV2
        #expect(workbench.press(.enter) == [.perform(.startStreams(launch))])
        #expect(workbench.state.status?.text == "Starting Streams app streams-wordcount (word count)…")
    }

    @Test func theFormSaysWhatToFix() {
        func submit(_ demo: StreamsDemo, _ values: [String]) -> String? {
            if case .failure(let error) = StreamsLaunchForm.launch(demo, values: values) { return error.message }
            return nil
        }
        #expect(submit(.wordCount, ["", "in", "out", "at_least_once"]) == "Give the app an application id (it names its group and internal topics).")
        #expect(submit(.wordCount, ["my app", "in", "out", "at_least_once"]) == "An application id may use only letters, digits, '.', '_' and '-'.")
        #expect(submit(.wordCount, ["app", "a,b", "out", "at_least_once"]) == "Name one input topic.")
        #expect(submit(.pageViews, ["app", "views", "out", "at_least_once"])
                == "Name two input topics, the page views then the user table, separated by a comma.")
        #expect(submit(.wordCount, ["app", "in", "in", "at_least_once"]) == "The output topic must differ from the input topics.")
        #expect(submit(.pageViews, ["pv", "views, users", "stats", "exactly_once_v2"]) == nil)
        if case .success(let launch) = StreamsLaunchForm.launch(.pageViews, values: ["pv", "views, users", "stats", "exactly_once_v2"]) {
            #expect(launch == StreamsLaunch(demo: .pageViews, applicationId: "pv", inputTopics: ["views", "users"], outputTopic: "stats",
                                            guarantee: .exactlyOnceV2))
        }
    }

    @Test func aStartedWordCountIsShownAndTheProducerWritesToItsInput() {
        let (workbench, _) = Fixtures.workbench(StreamsFixtures.cluster(local: []))
        #expect(workbench.state.selectedTopic != "streams-plaintext-input")
        let launch = StreamsDemo.wordCount.defaultLaunch
        workbench.receive(.success(.startStreams(launch), "Streams app streams-wordcount started."))
        #expect(workbench.state.showStreams && workbench.state.focus == .streams)
        #expect(workbench.state.selectedStreamsApp == "streams-wordcount")
        workbench.press(.char("p"))
        workbench.type("Hello Kafka Streams")
        guard case .perform(.produce(let request))? = workbench.press(.enter).first else {
            Issue.record("the producer sent nothing")
            return
        }
        #expect(request.topic == "streams-plaintext-input")
        #expect(request.value == "Hello Kafka Streams")
    }

    @Test func xStopsAnAppStartedHereAfterAskingAndRefusesOthers() {
        let (workbench, canvas) = Fixtures.workbench(StreamsFixtures.cluster())
        workbench.press(.char("S"))
        #expect(workbench.state.selectedStreamsApp == "clicks-app")
        #expect(workbench.press(.char("x")).isEmpty)
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.text.hasPrefix("Only apps started here can be stopped") == true)
        workbench.press(.char("j"), .char("x"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Stop Streams app streams-wordcount?"))
        #expect(workbench.press(.char("y")) == [.perform(.stopStreams(applicationId: "streams-wordcount"))])
    }

    @Test func theMenuOffersTheDemosStoppingAndTheView() {
        let (workbench, canvas) = Fixtures.workbench(StreamsFixtures.cluster())
        workbench.press(.char("m"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Start the word count demo…"))
        #expect(canvas.screen.contains("Stop Streams app streams-wordcount"))
        let items = MenuBuilder.root(snapshot: StreamsFixtures.cluster(), topic: nil, group: nil).items
        let view = items.firstIndex { $0.title == "Show or hide the Streams view (S)" }
        #expect(view != nil)
        #expect(items[view!].then == .command(.toggleStreams))
        // Choosing it from the menu shows the view.
        workbench.state.overlay = nil
        workbench.press(.char("m"))
        if case .menu(var levels)? = workbench.state.overlay,
           let index = levels[levels.count - 1].items.firstIndex(where: { $0.then == .command(.toggleStreams) }) {
            levels[levels.count - 1].selected = index
            workbench.state.overlay = .menu(levels)
        }
        workbench.press(.enter)
        #expect(workbench.state.showStreams)
    }

    @Test func theStreamsKeysAreInTheFooterAndHelp() {
        let footer = KeyMap.standard.footer(for: .streams).map(\.hint)
        #expect(footer.contains("start") && footer.contains("stop") && footer.contains("streams"))
        #expect(KeyMap.standard.command(for: .char("S"), in: .global) == .toggleStreams)
        #expect(KeyMap.standard.command(for: .char("s"), in: .pane(.streams)) == .startStreams)
        #expect(KeyMap.standard.command(for: .char("x"), in: .pane(.streams)) == .stopStreams)
    }

    @Test func aClickChoosesAnAppAndTheWheelScrollsItsDetails() throws {
        let (workbench, _) = Fixtures.workbench(StreamsFixtures.cluster())
        workbench.press(.char("S"))
        let pane = try #require(workbench.layout.panes[.streams])
        workbench.press(.click(row: pane.row + 2, col: pane.col + 5))  // the second row of the list
        #expect(workbench.state.selectedStreamsApp == "streams-wordcount")
        workbench.press(.wheelDown(row: pane.row + 10, col: pane.col + 5))
        #expect(workbench.state.streamsDetailScroll == 3)
        #expect(workbench.state.selectedStreamsApp == "streams-wordcount")
    }

    @Test func quittingWithAnAppRunningHereAsksFirst() {
        let (workbench, canvas) = Fixtures.workbench(StreamsFixtures.cluster())
        #expect(workbench.press(.char("q")).isEmpty)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("1 Streams app started here will stop. Quit anyway?"))
        #expect(workbench.press(.char("y")) == [.quit])
        // Apps only seen on the cluster are not ours to stop: no question.
        let (other, _) = Fixtures.workbench(StreamsFixtures.cluster(local: []))
        #expect(other.press(.char("q")) == [.quit])
    }

    @Test func anEmptyViewSaysHowToStart() {
        let (workbench, canvas) = Fixtures.workbench(Fixtures.cluster())
        workbench.press(.char("S"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("No Streams applications yet. Press s here"))
    }
}
