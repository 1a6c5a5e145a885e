import Foundation
import Testing
@testable import SamsaTUI

/// Issue 13's fixes 2 and 4 as a person meets them: keys of other panes act there or say where they work,
/// and internal topics stay out of the way until asked for.
@Suite struct FixesAInteractionTests {
    func form(_ workbench: Workbench) -> FormState? {
        if case .form(let form)? = workbench.state.overlay { return form }
        return nil
    }

    // MARK: 2. pane keys are not silently dropped

    @Test func withTheTourFocusedPaneKeysActOnTheirPanes() {
        let (workbench, _) = Fixtures.workbench(showTour: true)
        #expect(workbench.state.focus == .tour)
        workbench.press(.char("c"))
        #expect(form(workbench)?.title == "Create topic")
        #expect(workbench.state.focus == .tour, "the tour keeps the focus, so n still moves it on")
        workbench.press(.escape, .char("s"))
        #expect(form(workbench)?.title == "Start a consumer")
        #expect(form(workbench)?.fields.map(\.value).prefix(2) == ["billing", "orders"])
    }

    @Test func nOutsideTheTourMovesTheTourOnAndSaysHowToShowItWhenHidden() {
        let (workbench, _) = Fixtures.workbench(showTour: true)
        workbench.state.focus = .groups
        let before = workbench.tour.index
        workbench.press(.char("n"))
        #expect(workbench.tour.index == before + 1)
        #expect(workbench.state.focus == .groups)
        workbench.press(.char("t"))  // hides the tour
        workbench.state.focus = .topics
        workbench.press(.char("n"))
        #expect(workbench.tour.index == before + 1)
        #expect(workbench.state.status?.text == "n works in the Tour pane, to next step (doing-steps wait until done); it is not on screen: t shows the tour.")
    }

    @Test func aKeyOfAPaneOffScreenOrOfNoPaneIsAnsweredOnTheStatusLine() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("S"))  // the Streams view replaces topics and groups
        workbench.state.focus = .events
        workbench.press(.char("c"))
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.text == "c works in the Topics pane, to create a topic; it is not on screen: S leaves the Streams view.")
        workbench.press(.char("y"))
        #expect(workbench.state.status?.text == "y does nothing in the Events pane; ? lists every key.")
        workbench.press(.char("S"), .char("z"))  // back to the panes, then zoom events alone
        workbench.press(.char("d"))
        #expect(workbench.state.status?.text == "d works in the Topics pane, to delete the selected topic (type its name to confirm); it is not on screen: z restores every pane.")
    }

    // MARK: 4. internal topics hidden, consumer form defaults

    @Test func internalTopicsAreHiddenUntilAShowsThemAndNeverSelectedByDefault() {
        let (workbench, canvas) = Fixtures.workbench()
        #expect(workbench.state.selectedTopic == "orders", "the default selection is a user topic")
        #expect(!canvas.screen.contains("__consumer_offsets"))
        #expect(canvas.screen.contains("Topics (2) · 1 internal hidden"))
        #expect(canvas.text(row: canvas.rows - 1).contains("a internal"))
        workbench.press(.char("a"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("│__consumer_offsets"))
        #expect(canvas.screen.contains("Topics (3)") && !canvas.screen.contains("internal hidden"))
        #expect(workbench.state.status?.text == "Showing 1 internal topic; a hides them again.")
        workbench.press(.char("g"))  // the internal topic, first by name
        #expect(workbench.state.selectedTopic == "__consumer_offsets")
        workbench.press(.char("a"))
        #expect(workbench.state.selectedTopic == "orders", "hiding it moves the selection to a user topic")
        // A topic named like an internal one is hidden too; with nothing else, the pane says why it is empty.
        let only = Fixtures.cluster(topics: [Fixtures.internalTopic, TopicStatus(name: "__schemas", partitions: [])], groups: [])
        let (empty, emptyCanvas) = Fixtures.workbench(only)
        #expect(empty.state.selectedTopic == nil)
        #expect(emptyCanvas.screen.contains("No topics of yours yet"))
        #expect(emptyCanvas.screen.contains("Topics · 2 internal hidden"))
        // Restarted with user topics arriving after the internal ones, the selection waits for a user topic.
        empty.update(Fixtures.cluster(version: 2, topics: [Fixtures.internalTopic, Fixtures.orders()], groups: []))
        #expect(empty.state.selectedTopic == "orders")
    }

    @Test func theStartConsumerFormJoinsTheSelectedGroupAndNeverReadsAnInternalTopic() {
        let (workbench, _) = Fixtures.workbench()
        workbench.state.focus = .groups
        workbench.press(.char("s"))
        #expect(form(workbench)?.fields.map(\.value).prefix(2) == ["billing", "orders"])
        // With no group and an internal topic selected, the form offers a user topic instead.
        let (bare, _) = Fixtures.workbench(Fixtures.cluster(groups: []))
        bare.press(.char("a"), .char("g"))
        #expect(bare.state.selectedTopic == "__consumer_offsets")
        bare.state.focus = .groups
        bare.press(.char("s"))
        #expect(form(bare)?.fields.map(\.value).prefix(2) == ["workbench-group", "orders"])
        let menu = MenuBuilder.root(snapshot: bare.snapshot, topic: bare.selectedTopic, group: nil)
        let item = menu.items.first { $0.title == "Start a consumer…" }
        guard case .form(let menuForm)? = item?.then else {
            Issue.record("the menu offers no consumer form")
            return
        }
        #expect(menuForm.fields[1].value == "orders")
        // A group that reads only an internal topic does not pull the form onto it.
        let internalReader = GroupStatus(id: "peeker", state: .empty, offsets: [
            GroupPartitionOffset(topic: "__consumer_offsets", partition: 0, committedOffset: 1, logEndOffset: 5),
        ])
        let defaults = StartConsumerDefaults.form(snapshot: bare.snapshot, topic: nil, group: internalReader, preferGroup: true)
        #expect(defaults.fields.map(\.value).prefix(2) == ["peeker", "orders"])
    }
}
