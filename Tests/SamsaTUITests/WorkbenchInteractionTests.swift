import Foundation
import Testing
@testable import SamsaTUI

@Suite struct WorkbenchInteractionTests {
    @Test func drawsEveryPaneWithSnapshotData() {
        let (_, canvas) = Fixtures.workbench()
        let screen = canvas.screen
        for title in ["Topics (2) · 1 internal hidden", "Partitions of orders", "Consumer groups (1)", "Transactions", "Record tail", "Events (1)", "Produce"] {
            #expect(screen.contains(title), "missing \(title)")
        }
        #expect(screen.contains("payments"))
        #expect(screen.contains("Broker 1 leads orders-1 at epoch 2"))
        #expect(screen.contains("billing"))
    }

    @Test func tabAndShiftTabCycleFocusThroughEveryPane() {
        let (workbench, _) = Fixtures.workbench()
        var seen: [PaneID] = [workbench.state.focus]
        for _ in 0..<7 {
            workbench.press(.tab)
            seen.append(workbench.state.focus)
        }
        #expect(seen == [.topics, .partitions, .groups, .transactions, .tail, .events, .producer, .topics])
        workbench.press(.backTab)
        #expect(workbench.state.focus == .producer)
        workbench.press(.escape)  // leaves the producer input
        workbench.press(.char("l"))
        #expect(workbench.state.focus == .partitions)
    }

    @Test func theFocusedPaneIsDrawnWithTheFocusBorder() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.tab, .tab)
        Fixtures.draw(workbench, on: canvas)
        let groups = workbench.layout.panes[.groups]!
        #expect(canvas.cell(row: groups.row, col: groups.col).style.foreground == .borderFocus)
        let topics = workbench.layout.panes[.topics]!
        #expect(canvas.cell(row: topics.row, col: topics.col).style.foreground == .border)
    }

    @Test func movingInTopicsSelectsByNameAndShowsItsPartitions() {
        let (workbench, canvas) = Fixtures.workbench()
        #expect(workbench.state.selectedTopic == "orders", "internal topics are hidden, never selected by default")
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Partitions of orders · RF 3"))
        let row = canvas.find("Partitions of orders")!.row
        let partitionOne = (row...(row + 6)).map { canvas.text(row: $0) }.first { $0.contains("◌2") }
        #expect(partitionOne != nil)
        #expect(partitionOne?.contains("−40") == true)
        workbench.press(.char("G"))
        #expect(workbench.state.selectedTopic == "payments")
        workbench.press(.char("g"))
        #expect(workbench.state.selectedTopic == "orders")
        // The selection follows the name when topics are added before it.
        let more = Fixtures.cluster(version: 2, topics: [Fixtures.internalTopic, TopicStatus(name: "aaa", partitions: []),
                                                         Fixtures.orders(), Fixtures.offlineTopic])
        workbench.update(more)
        #expect(workbench.state.selectedTopic == "orders")
    }

    @Test func theSelectedPartitionListsItsReplicasWithBars() {
        let (workbench, canvas) = Fixtures.workbench(rows: 50, cols: 140)
        workbench.press(.tab, .char("j"))  // orders (selected at start), partitions pane, partition 1
        Fixtures.draw(workbench, on: canvas)
        let screen = canvas.screen
        #expect(screen.contains("Partition 1 · epoch 2 · high watermark 80"))
        let behind = screen.split(separator: "\n").first { $0.contains("broker 2") && $0.contains("out of ISR") }
        #expect(behind?.contains("log end        40") == true)
        #expect(behind?.contains("40 behind") == true)
        #expect(screen.split(separator: "\n").contains { $0.contains("★ broker 1  leader") })
    }

    @Test func filterNarrowsTheFocusedListAndEscapeClearsIt() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("/"))
        workbench.type("pay")
        #expect(workbench.visibleIndexes(.topics) == [2])
        #expect(workbench.state.selectedTopic == "payments")
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Topics 1/2 /pay · 1 internal hidden"))
        #expect(!canvas.screen.contains("orders  "))
        workbench.press(.enter)
        #expect(workbench.state.editingFilter == nil)
        #expect(workbench.visibleIndexes(.topics) == [2])
        workbench.press(.char("/"), .escape)
        #expect(workbench.visibleIndexes(.topics) == [1, 2])
    }

    @Test func typingInTheProducerIsTextNotCommands() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("p"))  // to orders, selected at start
        #expect(workbench.state.focus == .producer)
        #expect(workbench.type("quit:now").isEmpty)
        #expect(workbench.state.producer.text == "quit:now")
        let effects = workbench.press(.enter)
        #expect(effects == [.perform(.produce(ProduceRequest(topic: "orders", key: "quit", value: "now", acks: .leader,
                                                             partitioning: .sticky)))])
        #expect(workbench.state.producer.text.isEmpty)
        workbench.receive(ActionOutcome(action: .produce(ProduceRequest(topic: "orders", key: "quit", value: "now", acks: .leader, partitioning: .sticky)),
                                        message: "Wrote partition 2, offset 17.", isError: false, receipt: ProduceReceipt(partition: 2, offset: 17)))
        #expect(workbench.state.producer.lastResult?.text == "✓ Wrote partition 2, offset 17.")
    }

    @Test func producerSettingsChangeWithTheirKeysAndShowInTheTitle() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("p"), .ctrl("a"), .ctrl("p"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Produce → orders · acks=all · key hash"))
        workbench.type("no key here")
        // Without a key, key hash falls back to sticky, as Kafka's partitioner does.
        #expect(workbench.press(.enter) == [.perform(.produce(ProduceRequest(topic: "orders", key: nil, value: "no key here",
                                                                             acks: .all, partitioning: .byKey)))])
    }

    @Test func menuOffersFaultsOnlyOnTheEmbeddedCluster() throws {
        let (embedded, canvas) = Fixtures.workbench()
        embedded.press(.char("m"))
        Fixtures.draw(embedded, on: canvas)
        #expect(canvas.screen.contains("Kill broker (crash)…"))
        #expect(canvas.screen.contains("Elect preferred leaders"))
        let (attached, attachedCanvas) = Fixtures.workbench(Fixtures.cluster(mode: .attached(bootstrap: "kafka:9092")))
        attached.press(.function(2))
        Fixtures.draw(attached, on: attachedCanvas)
        #expect(attachedCanvas.screen.contains("Create topic…"))
        #expect(!attachedCanvas.screen.contains("Kill broker"))
        #expect(!attachedCanvas.screen.contains("Heal"))
    }

    @Test func killingABrokerGoesThroughTheMenu() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.char("m"))
        // The first selectable item is "Kill broker"; its submenu lists the brokers.
        workbench.press(.enter)
        let effects = workbench.press(.down, .enter)
        #expect(effects == [.perform(.killBroker(1))])
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.text == "Killing broker 1…")
        // vi keys: l opens a submenu, h goes back out of it.
        workbench.press(.char("m"), .char("l"))
        guard case .menu(let levels)? = workbench.state.overlay else {
            Issue.record("menu closed")
            return
        }
        #expect(levels.count == 2)
        workbench.press(.char("h"))
        guard case .menu(let back)? = workbench.state.overlay else {
            Issue.record("menu closed")
            return
        }
        #expect(back.count == 1)
    }

    @Test func createTopicFormValidatesThenAsksTheSource() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("c"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Create topic"))
        #expect(canvas.screen.contains("quickstart-events"))
        workbench.press(.tab, .backspace, .char("x"))  // letters are refused in a number field
        workbench.press(.enter)
        guard case .form(let form)? = workbench.state.overlay else {
            Issue.record("form closed on invalid input")
            return
        }
        #expect(form.error == "Partitions must be a whole number of at least 1.")
        workbench.press(.char("6"))
        #expect(workbench.press(.enter) == [.perform(.createTopic(name: "quickstart-events", partitions: 6, replicationFactor: 3))])
    }

    @Test func deleteAsksForConfirmation() {
        let (workbench, _) = Fixtures.workbench()
        // The topic's name must be typed exactly (Esc leaves it alone).
        workbench.press(.char("d"))  // orders, selected at start
        #expect(workbench.press(.escape).isEmpty)
        #expect(workbench.state.overlay == nil)
        workbench.press(.char("d"))
        workbench.type("order")
        #expect(workbench.press(.enter).isEmpty)
        guard case .form(let form)? = workbench.state.overlay else { Issue.record("the form closed"); return }
        #expect(form.error == "\"order\" is not orders: type its name exactly.")
        #expect(workbench.press(.char("s"), .enter) == [.perform(.deleteTopic("orders"))])
        // Internal topics (shown with a) cannot be deleted at all.
        workbench.press(.char("a"), .char("g"), .char("d"))
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.kind == .error)
    }

    @Test func quitAsksFirstWhileWorkbenchConsumersRun() {
        let (idle, _) = Fixtures.workbench()
        #expect(idle.press(.char("q")) == [.quit])
        let running = Fixtures.cluster(consumers: [WorkbenchConsumer(memberId: "member-1", group: "g", topic: "orders")])
        let (busy, canvas) = Fixtures.workbench(running)
        #expect(busy.press(.char("q")).isEmpty)
        Fixtures.draw(busy, on: canvas)
        #expect(canvas.screen.contains("1 consumer started here will stop. Quit anyway?"))
        #expect(busy.press(.char("y")) == [.quit])
    }

    @Test func groupKeysStartStopAndReset() {
        let running = Fixtures.cluster(consumers: [WorkbenchConsumer(memberId: "billing-1", group: "billing", topic: "orders")])
        let (workbench, _) = Fixtures.workbench(running)
        workbench.press(.tab, .tab)
        #expect(workbench.state.focus == .groups)
        workbench.press(.char("s"))
        #expect(workbench.press(.enter) == [.perform(.startConsumer(group: "billing", topic: "orders"))])
        workbench.press(.char("x"))
        #expect(workbench.press(.enter) == [.perform(.stopConsumer(memberId: "billing-1"))])
        // billing has members: Kafka refuses the reset, and so does the form, in one sentence.
        #expect(workbench.press(.char("r")).isEmpty)
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.text.hasPrefix("Assignments can only be reset if the group 'billing' is inactive") == true)
        // The group's menu still offers the older whole-topic resets.
        workbench.press(.enter)
        #expect(workbench.state.overlay != nil)
    }

    @Test func enterOnAGroupOffersItsActions() {
        let running = Fixtures.cluster(consumers: [WorkbenchConsumer(memberId: "billing-1", group: "billing", topic: "orders")])
        let (workbench, canvas) = Fixtures.workbench(running)
        workbench.press(.tab, .tab, .enter)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Group billing"))
        #expect(canvas.screen.contains("Start another consumer in billing…"))
        #expect(canvas.screen.contains("Stop billing-1 (orders)"))
        workbench.press(.enter)  // the start form, prefilled with the group and its topic
        #expect(workbench.press(.enter) == [.perform(.startConsumer(group: "billing", topic: "orders"))])
    }

    @Test func groupPaneShowsMembersIdleOnesAndLag() {
        let (_, canvas) = Fixtures.workbench(Fixtures.cluster(groups: [Fixtures.billing(lag: 1500)]))
        let screen = canvas.screen
        #expect(screen.contains("billing-2"))
        #expect(screen.contains("idle (no partitions)"))
        #expect(screen.contains("orders[0,1]"))
        #expect(screen.contains("Lag █ 1,500"))
        let lagCell = canvas.find("1.5k")!
        #expect(canvas.cell(row: lagCell.row, col: lagCell.col).style.foreground == .lagHigh)
    }

    @Test func helpOverlayListsEveryBinding() {
        let (workbench, canvas) = Fixtures.workbench(rows: 160, cols: 140)
        workbench.press(.char("?"))
        Fixtures.draw(workbench, on: canvas)
        let screen = canvas.screen
        for binding in KeyMap.standard.bindings {
            #expect(screen.contains(binding.keyLabel), "help lacks \(binding.keyLabel)")
            #expect(screen.contains(binding.help), "help lacks \(binding.help)")
        }
        workbench.press(.escape)
        #expect(workbench.state.overlay == nil)
    }

    @Test func footerShowsTheFocusedPanesKeysThenGlobalOnes() {
        let (workbench, canvas) = Fixtures.workbench()
        let footer = canvas.text(row: canvas.rows - 1)
        for binding in KeyMap.standard.footer(for: .topics) {
            #expect(footer.contains("\(binding.keyLabel) \(binding.hint)"), "footer lacks \(binding.keyLabel)")
        }
        #expect(footer.hasPrefix(" c create"))
        workbench.press(.tab, .tab)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.text(row: canvas.rows - 1).hasPrefix(" s start"))
    }

    @Test func tooSmallTerminalShowsAMessageAndStillQuits() {
        let (workbench, canvas) = Fixtures.workbench(rows: 20, cols: 60)
        #expect(canvas.screen.contains("Terminal too small: 60×20."))
        #expect(canvas.screen.contains("Samsa needs at least 80×24."))
        #expect(!canvas.screen.contains("Topics"))
        #expect(workbench.press(.tab).isEmpty)
        workbench.resize(rows: 30, cols: 100)
        canvas.resize(rows: 30, cols: 100)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Topics"))
        workbench.resize(rows: 10, cols: 40)
        #expect(workbench.press(.char("q")) == [.quit])
    }

    @Test func narrowTopicPanesDropColumnsBeforeNames() {
        let (_, wide) = Fixtures.workbench(rows: 40, cols: 140)
        #expect(wide.text(row: 2).contains("Records"))
        let (workbench, narrow) = Fixtures.workbench(rows: 24, cols: 80)
        workbench.press(.char("a"))  // shows the internal topic, whose name is long
        Fixtures.draw(workbench, on: narrow)
        let header = narrow.text(row: 2)
        #expect(header.contains("RF"))
        #expect(!header.contains("Records"))
        #expect(narrow.text(row: 3).contains("__consumer_of… "))
    }

    @Test func layoutAdaptsToTheTerminalAndTheTour() {
        let wide = Layout(rows: 50, cols: 200, showTour: true)
        let narrow = Layout(rows: 24, cols: 80, showTour: false)
        for layout in [wide, narrow] {
            let rects = layout.panes.values.map { $0 }
            for (i, a) in rects.enumerated() {
                #expect(a.right <= layout.cols && a.bottom <= layout.rows - 2)
                for b in rects[(i + 1)...] {
                    let overlap = a.row < b.bottom && b.row < a.bottom && a.col < b.right && b.col < a.right
                    #expect(!overlap, "\(a) overlaps \(b)")
                }
            }
        }
        #expect(wide.panes[.tour] != nil)
        #expect(narrow.panes[.tour] == nil)
        #expect(Layout(rows: 40, cols: 140, showTour: false, zoomed: .groups).panes[.topics] == nil)
    }

    @Test func clickingFocusesThePaneAndSelectsTheRow() {
        let (workbench, _) = Fixtures.workbench()
        let topics = workbench.layout.panes[.topics]!
        workbench.press(.tab)  // partitions
        workbench.press(.click(row: topics.row + 3, col: topics.col + 3))  // second topic row (the internal one is hidden)
        #expect(workbench.state.focus == .topics)
        #expect(workbench.state.selectedTopic == "payments")
        let events = workbench.layout.panes[.events]!
        workbench.press(.click(row: events.row + 1, col: events.col + 5))
        #expect(workbench.state.focus == .events)
    }

    @Test func themeKeyCyclesThemesAndLanguageKeySwitchesTheTour() {
        let (workbench, canvas) = Fixtures.workbench(showTour: true)
        #expect(workbench.press(.char("T")) == [.applyTheme("light")])
        #expect(workbench.press(.char("T")) == [.applyTheme("default")])
        #expect(canvas.screen.contains("Welcome to Kafka's quick start"))
        workbench.press(.char("L"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Kafka 빠른 시작에 오신 것을 환영합니다"))
        #expect(canvas.screen.contains("Tour 1/\(TourSteps.all.count) · 한국어"))
    }

    @Test func actionErrorsReachTheStatusLine() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.receive(ActionOutcome(action: .killBroker(0), message: "Broker 0 is already down.", isError: true, receipt: nil))
        Fixtures.draw(workbench, on: canvas)
        let row = canvas.text(row: canvas.rows - 2)
        #expect(row.contains("Broker 0 is already down."))
        let col = canvas.find("Broker 0 is already down.")!.col
        #expect(canvas.cell(row: canvas.rows - 2, col: col).style.foreground == .error)
        #expect(workbench.tick(now: Date().addingTimeInterval(60)))
        #expect(workbench.state.status == nil)
    }

    @Test func tailFollowsNewRecordsUntilScrolledUp() {
        let records = (0..<50).map { Fixtures.record("orders", offset: Int64($0), value: "event \($0)") }
        let (workbench, canvas) = Fixtures.workbench(Fixtures.cluster(tail: records))
        #expect(canvas.screen.contains("event 49"))
        #expect(canvas.screen.contains("following"))
        workbench.state.focus = .tail
        workbench.press(.char("g"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("event 0 "))
        #expect(!canvas.screen.contains("event 49"))
        workbench.press(.char("G"))
        #expect(workbench.state.tailCursor.follow)
    }

    @Test func koreanValuesStayAlignedInTheTail() {
        let records = [Fixtures.record("orders", offset: 1, value: "안녕하세요 카프카", key: "키"),
                       Fixtures.record("orders", offset: 2, value: "hello", key: "k")]
        let (_, canvas) = Fixtures.workbench(Fixtures.cluster(tail: records))
        let korean = canvas.find("안녕하세요 카프카")!
        let ascii = canvas.find("k → hello")!
        #expect(canvas.find("키 → 안녕하세요")!.col == ascii.col)
        #expect(korean.row == ascii.row - 1)
        // The pane's right border is still in its column on the Korean row.
        let tail = Fixtures.workbench(Fixtures.cluster(tail: records)).0.layout.panes[.tail]!
        #expect(canvas.cell(row: korean.row, col: tail.right - 1).character == "│")
    }
}
