import Testing
@testable import SamsaTUI

/// What the keys and menus tell a person: the selection pointer and leader notes in menus, the footer while
/// typing, and the key table printed for README.md.
@Suite struct KeysAndMenusTests {
    @Test func brokerChoicesMarkTheSelectionAndSayWhatEachLeads() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("m"), .enter)  // orders is selected at start
        Fixtures.draw(workbench, on: canvas)
        // The pointer shows the selection without colour; the notes name the selected topic's leaders.
        #expect(canvas.screen.contains("› Broker 0 (127.0.0.1:9092, up, controller)  (leads orders 0)"))
        #expect(canvas.screen.contains("  Broker 2 (127.0.0.1:9094, up)  (leads orders 2)"))
        workbench.press(.down)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("› Broker 1 (127.0.0.1:9093, up)  (leads orders 1)"))
    }

    @Test func theMarkdownKeyTableListsEveryBinding() {
        let table = KeyMap.standard.markdownTable.split(separator: "\n").map(String.init)
        #expect(table.first == "| keys | where | what |")
        #expect(table.count == 2 + KeyMap.standard.bindings.count + KeyMap.mouseHelp.count)
        #expect(table.contains("| `m` `F2` | Everywhere | open the action menu |"))
        #expect(table.contains("| `c` | Topics | create a topic |"))
        #expect(table.contains("| `^A` | Produce | cycle acks: 1, all, 0 |"))
    }

    @Test func whileTypingTheFooterOffersOnlyKeysThatAreNotTyped() {
        let (workbench, canvas) = Fixtures.workbench()
        workbench.press(.char("p"))
        Fixtures.draw(workbench, on: canvas)
        let footer = canvas.text(row: canvas.rows - 1)
        #expect(footer.hasPrefix(" Enter send"))
        #expect(footer.contains("F2 menu") && !footer.contains("m/F2"))
        #expect(footer.contains("F1 help") && !footer.contains("?/F1"))
        #expect(!footer.contains("q quit") && !footer.contains("p produce"))
        // What the footer offers really works there: F2 opens the menu, while m is typed.
        workbench.press(.char("m"))
        #expect(workbench.state.producer.text == "m")
        workbench.press(.function(2))
        #expect(workbench.state.overlay != nil)
    }
}
