import Foundation
import SamsaConnect
import Testing
@testable import SamsaTUI

/// The Connect view's keys, menus and forms: C shows it, s creates a connector through a form (files resolved
/// under the Connect directory), w writes lines to a file, Space pauses or resumes, r restarts, d deletes
/// after asking, v reads the connector's topic in the record tail.
@Suite struct ConnectInteractionTests {
    private func make(_ connect: WorkbenchConnect = ConnectFixtures.connect(), rows: Int = 40, cols: Int = 140) -> (Workbench, MemoryCanvas) {
        Fixtures.workbench(Fixtures.cluster().with(connect: connect), rows: rows, cols: cols)
    }

    @Test func cShowsTheViewInPlaceOfTheTopicAndGroupPanesAndHidesStreams() {
        let (workbench, canvas) = make()
        workbench.press(.char("S"), .char("C"))
        #expect(workbench.state.focus == .connect && !workbench.state.showStreams)
        #expect(workbench.layout.panes[.connect] != nil && workbench.layout.panes[.streams] == nil)
        #expect(workbench.layout.panes[.topics] == nil && workbench.layout.panes[.groups] == nil)
        #expect(workbench.layout.panes[.tail] != nil && workbench.layout.panes[.events] != nil)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Connect (2)"))
        #expect(canvas.screen.contains("standalone worker wb-host:workbench (leader, here)"))
        #expect(canvas.screen.contains("local-file-source  source  FileStreamSourceConnector  RUNNING  → connect-test"))
        #expect(canvas.screen.contains("      source offsets /tmp/wb/connect/test.txt: position 8"))
        // The footer offers the view's own keys first.
        let footer = canvas.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("s new") && footer.contains("Space pause/resume") && footer.contains("d delete"))
        // j selects the sink: its lag and the file it wrote.
        workbench.press(.char("j"))
        Fixtures.draw(workbench, on: canvas)
        #expect(workbench.state.selectedConnector == "local-file-sink")
        #expect(canvas.screen.contains("File /tmp/wb/connect/test.sink.txt (last 2 lines)"))
        #expect(canvas.screen.contains("      lag 0"))
        workbench.press(.char("S"))
        #expect(workbench.state.showStreams && !workbench.state.showConnect && workbench.layout.panes[.connect] == nil)
        workbench.press(.char("C"), .char("C"))
        #expect(workbench.layout.panes[.connect] == nil && workbench.layout.panes[.topics] != nil && workbench.state.focus == .topics)
    }

    @Test func beforeAnyWorkerTheViewSaysHowToStartOne() {
        let (workbench, canvas) = make(WorkbenchConnect(directory: "/tmp/wb/connect"))
        workbench.press(.char("C"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("No Connect worker yet."))
        #expect(canvas.screen.contains("/tmp/wb/connect"))
        // Keys that need a connector say so rather than doing nothing.
        #expect(workbench.press(.char(" ")).isEmpty)
        #expect(workbench.state.status?.text == "No connector yet: press s in the Connect view (C) to create one.")
    }

    @Test func sCreatesAFileSourceWithTheQuickStartsSettings() {
        let (workbench, canvas) = make(WorkbenchConnect(directory: "/tmp/wb/connect"))
        workbench.press(.char("C"), .char("s"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Create a file source…") && canvas.screen.contains("Create a file sink…")
                && canvas.screen.contains("Create a generator…"))
        workbench.press(.enter)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("local-file-source") && canvas.screen.contains("test.txt") && canvas.screen.contains("connect-test"))
        let effects = workbench.press(.enter)
        #expect(effects == [.perform(.createConnector(name: "local-file-source", config: [
            "connector.class": "FileStreamSource", "tasks.max": "1", "file": "/tmp/wb/connect/test.txt", "topic": "connect-test"]))])
        #expect(workbench.state.status?.text == "Creating connector local-file-source…")
    }

    @Test func theSinkAndGeneratorFormsMakeKafkasConfigs() {
        let (workbench, _) = make(WorkbenchConnect(directory: "/tmp/wb/connect"))
        workbench.press(.char("C"), .char("s"), .char("j"), .enter)
        #expect(workbench.press(.enter) == [.perform(.createConnector(name: "local-file-sink", config: [
            "connector.class": "FileStreamSink", "tasks.max": "1", "file": "/tmp/wb/connect/test.sink.txt", "topics": "connect-test"]))])
        workbench.press(.char("s"), .char("j"), .char("j"), .enter)
        workbench.press(.tab, .tab, .right)  // the quickstart: users → pageviews
        #expect(workbench.press(.enter) == [.perform(.createConnector(name: "datagen-users", config: [
            "connector.class": ConnectForms.generatorClass, "tasks.max": "1", "kafka.topic": "users", "quickstart": "pageviews",
            "max.interval": "1000"]))])
    }

    @Test func wWritesTheQuickStartsLinesIntoTestTxt() {
        let (workbench, _) = make(WorkbenchConnect(directory: "/tmp/wb/connect"))
        workbench.press(.char("C"), .char("w"))
        #expect(workbench.press(.enter) == [.perform(.appendLines(path: "/tmp/wb/connect/test.txt", lines: ["foo", "bar"]))])
        // With a source selected, its own file; a typed line replaces the default.
        let (selected, _) = make()
        selected.press(.char("C"), .char("w"), .tab, .ctrl("u"))
        selected.type("another line")
        #expect(selected.press(.enter) == [.perform(.appendLines(path: "/tmp/wb/connect/test.txt", lines: ["another line"]))])
    }

    @Test func spacePausesOrResumesRRestartsDDeletesAfterAsking() {
        let (workbench, canvas) = make()
        workbench.press(.char("C"))
        #expect(workbench.press(.char(" ")) == [.perform(.controlConnector(name: "local-file-source", .pause))])
        #expect(workbench.press(.char("r")) == [.perform(.controlConnector(name: "local-file-source", .restart))])
        #expect(workbench.press(.char("d")).isEmpty)
        Fixtures.draw(workbench, on: canvas)
        #expect(workbench.state.overlay == .confirm(MenuBuilder.deleteConfirmation("local-file-source")))
        #expect(canvas.screen.contains("Delete connector local-file-source?"))
        #expect(workbench.press(.char("y")) == [.perform(.controlConnector(name: "local-file-source", .delete))])
        // A paused connector resumes.
        workbench.update(Fixtures.cluster(version: 2).with(connect: ConnectFixtures.connect([ConnectFixtures.source(state: .paused)])))
        #expect(workbench.press(.char(" ")) == [.perform(.controlConnector(name: "local-file-source", .resume))])
    }

    @Test func vReadsTheConnectorsTopicInTheRecordTail() {
        let (workbench, canvas) = make()
        workbench.press(.char("C"), .char("v"))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Start a consumer"))
        #expect(workbench.press(.enter) == [.perform(.startConsumer(group: "workbench-connect-test", topic: "connect-test"))])
    }

    @Test func theMenuHasAConnectSection() {
        let menu = MenuBuilder.root(snapshot: Fixtures.cluster().with(connect: ConnectFixtures.connect()), topic: nil, group: nil)
        let titles = menu.items.map(\.title)
        guard let heading = titles.firstIndex(of: "Connect") else {
            Issue.record("no Connect heading in \(titles)")
            return
        }
        #expect(Array(titles[heading...].prefix(12)) == [
            "Connect", "Create a file source…", "Create a file sink…", "Create a generator…", "Write lines to a file…",
            "Pause connector local-file-source", "Restart connector local-file-source and its tasks", "Delete connector local-file-source…",
            "Pause connector local-file-sink", "Restart connector local-file-sink and its tasks", "Delete connector local-file-sink…",
            "Show or hide the Connect view (C)",
        ])
        let paused = MenuBuilder.connectorItems("s", state: .paused)
        #expect(paused[0].title == "Resume connector s" && paused[0].then == .run(.controlConnector(name: "s", .resume)))
    }

    @Test func theFormsSayWhatToFix() {
        func connector(_ kind: ConnectorKind, _ values: [String]) -> String? {
            if case .failure(let error) = ConnectForms.connector(kind, values: values, directory: "/d") { return error.message }
            return nil
        }
        #expect(connector(.fileSource, ["", "test.txt", "connect-test"]) == "Give the connector a name.")
        #expect(connector(.fileSource, ["a\u{7}b", "test.txt", "connect-test"]) == "A connector name may not contain control characters.")
        #expect(connector(.fileSource, ["s", "", "connect-test"]) == "Name the file to read.")
        #expect(connector(.fileSource, ["s", "test.txt", ""]) == "Name the topic to write to.")
        #expect(connector(.fileSource, ["s", "test.txt", "connect test"]) == "connect test is not a valid topic name: use letters, digits, '.', '_' and '-'.")
        #expect(connector(.fileSink, ["s", " , ", "out.txt"]) == "Name the topic to read (several with commas).")
        #expect(connector(.fileSink, ["s", "a,..", "out.txt"]) == ".. is not a valid topic name: use letters, digits, '.', '_' and '-'.")
        #expect(connector(.fileSink, ["s", "a", ""]) == "Name the file to write.")
        #expect(connector(.generator, ["g", "users", "users", "0"]) == "The interval is a whole number of milliseconds, at least 1.")
        #expect(connector(.fileSink, ["s", "a, b", "~/out.txt"]) == nil)
        if case .success(.createConnector(_, let config)) = ConnectForms.connector(.fileSink, values: ["s", "a, b", "/abs/out.txt"], directory: "/d") {
            #expect(config["topics"] == "a,b" && config["file"] == "/abs/out.txt")
        }
        func lines(_ values: [String]) -> String? {
            if case .failure(let error) = ConnectForms.appendLines(values: values, directory: "/d") { return error.message }
            return nil
        }
        #expect(lines(["", "foo"]) == "Name the file to write to.")
        #expect(lines(["test.txt", ""]) == "Type a line to write.")
        #expect(lines(["test.txt", "\\n"]) == "Type a line to write.")
    }

    @Test func theKeysAreInTheHelpAndTheMarkdownTable() {
        let table = KeyMap.standard.markdownTable
        #expect(table.contains("| `C` | Everywhere | show or hide the Connect view |"))
        #expect(table.contains("| `Space` | Connect | pause the selected connector, or resume it |"))
        #expect(KeyMap.standard.command(for: .char("s"), in: .pane(.connect)) == .newConnector)
    }
}
