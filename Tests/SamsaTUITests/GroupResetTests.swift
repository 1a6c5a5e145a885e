import Foundation
import SamsaClient
import SamsaProtocol
import Testing
@testable import SamsaTUI

/// The reset-offsets form (`r`): every kafka-consumer-groups scenario and scope, the preview of new
/// offsets, apply and cancel, and the refusal while the group has members.
@Suite struct GroupResetTests {
    static let emptyBilling = GroupStatus(id: "billing", state: .empty, offsets: Fixtures.billing().offsets)

    @Test func formValuesBecomeTheToolsScenarios() throws {
        func request(_ scenario: String, _ value: String = "", _ scope: String = "all topics") -> GroupResetRequest? {
            try? GroupResetForm.request([scenario, value, scope]).get()
        }
        #expect(request("to-earliest") == GroupResetRequest(.earliest))
        #expect(request("to-latest", "", "orders") == GroupResetRequest(.latest, scope: .topic("orders")))
        #expect(request("to-current", "", "orders:2") == GroupResetRequest(.current, scope: .partition("orders", 2)))
        #expect(request("to-offset", "42") == GroupResetRequest(.offset(42)))
        #expect(request("shift-by", "-5") == GroupResetRequest(.shiftBy(-5)))
        #expect(request("to-datetime", "2026-11-30T10:00:00.000") == GroupResetRequest(.datetime(1_796_032_800_000)))
        #expect(request("to-datetime", "2026-11-30T10:00:00.000+01:00") == GroupResetRequest(.datetime(1_796_029_200_000)))
        #expect(request("to-datetime", "1796032800000") == GroupResetRequest(.datetime(1_796_032_800_000)))
        #expect(request("by-duration", "PT15M") == GroupResetRequest(.byDuration(900_000)))
        #expect(GroupResetForm.request(["to-offset", "-1", "all topics"]).failureMessage == "to-offset needs an offset: a whole number of at least 0.")
        #expect(GroupResetForm.request(["shift-by", "back", "all topics"]).failureMessage == "shift-by needs a whole number (negative moves back), not \"back\".")
        #expect(GroupResetForm.request(["to-datetime", "yesterday", "all topics"]).failureMessage?.hasPrefix("to-datetime needs YYYY-MM-DDTHH:mm:SS.sss") == true)
        #expect(GroupResetForm.request(["by-duration", "15m", "all topics"]).failureMessage?.hasPrefix("by-duration needs an ISO-8601 duration") == true)
    }

    @Test func byDurationResolvesToADatetimeBackFromNow() {
        #expect(GroupResetRequest.Scenario.byDuration(60_000).resolved(now: 1_000_000) == .datetime(940_000))
        #expect(GroupResetRequest.Scenario.current.resolved(now: 0) == .current)
    }

    @Test func durationsParseAsJavasDurationDoes() throws {
        #expect(try OffsetResetPlan.parseDuration("PT15M") == 900_000)
        #expect(try OffsetResetPlan.parseDuration("P1DT2H") == 93_600_000)
        #expect(try OffsetResetPlan.parseDuration("pt0.5s") == 500)
        #expect(try OffsetResetPlan.parseDuration("PT1H30M") == 5_400_000)
        for bad in ["", "P", "PT", "15M", "P1H", "PT1D", "PT1.5M", "PT-", "PT5"] {
            #expect(throws: ClientError.self) { try OffsetResetPlan.parseDuration(bad) }
        }
    }

    @Test func toCurrentKeepsCommitsAndFallsBackToTheLatest() throws {
        let a = TopicPartition("orders", 0), b = TopicPartition("orders", 1)
        let log = OffsetResetPlan.LogOffsets(earliest: [a: 0, b: 0], latest: [a: 100, b: 80])
        #expect(try OffsetResetPlan.newOffsets(.current, partitions: [a, b], log: log, committed: [a: 40]) == [a: 40, b: 80])
    }

    @Test func scopeOffersTheGroupsTopicsAndPartitions() {
        let form = GroupResetForm.form(Self.emptyBilling)
        #expect(form.fields[0].choices == GroupResetForm.scenarios)
        #expect(form.fields[2].choices == ["all topics", "orders", "orders:0", "orders:1", "orders:2"])
    }

    @Test func activeGroupsAreRefusedInOneSentence() {
        let (workbench, _) = Fixtures.workbench()
        workbench.press(.tab, .tab, .char("r"))
        #expect(workbench.state.overlay == nil)
        #expect(workbench.state.status?.text == "Assignments can only be reset if the group 'billing' is inactive, but the current state is Stable; stop its consumers first.")
    }

    @Test func previewThenApplyCommitsThePreviewedOffsets() async throws {
        let source = TopicConfigFakeSource()
        let (workbench, canvas) = Fixtures.workbench(Fixtures.cluster(groups: [Self.emptyBilling]))
        workbench.press(.tab, .tab, .char("r"))
        guard case .form? = workbench.state.overlay else { Issue.record("no form"); return }
        workbench.press(.right, .right, .right, .right, .right)  // shift-by
        workbench.press(.tab)
        workbench.type("-5")
        let effects = workbench.press(.enter)
        let action = WorkbenchAction.previewOffsetReset(group: "billing", GroupResetRequest(.shiftBy(-5)))
        #expect(effects == [.perform(action)])
        workbench.receive(await action.perform(on: source))
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("Reset billing shift by -5 · preview"))
        #expect(canvas.screen.contains("CURRENT-OFFSET"))
        let rows = canvas.screen.split(separator: "\n").filter { $0.contains("orders") && $0.contains("│") }
        #expect(rows.contains { $0.contains("40") && $0.contains("35") })
        #expect(rows.contains { $0.contains("70") && $0.contains("65") })
        #expect(source.actions.isEmpty)  // a dry run commits nothing
        guard let preview = workbench.state.resetPreview?.preview else { Issue.record("no preview"); return }
        #expect(workbench.press(.enter) == [.perform(.applyOffsetReset(preview))])
        #expect(workbench.state.resetPreview == nil)
        let applied = await WorkbenchAction.applyOffsetReset(preview).perform(on: source)
        #expect(applied.message == "Reset billing shift by -5 on 2 partitions.")
        #expect(source.actions == ["apply billing [\"orders-0=35\", \"orders-1=65\"]"])
    }

    @Test func escCancelsThePreview() async {
        let source = TopicConfigFakeSource()
        let (workbench, _) = Fixtures.workbench(Fixtures.cluster(groups: [Self.emptyBilling]))
        let action = WorkbenchAction.previewOffsetReset(group: "billing", GroupResetRequest(.earliest))
        workbench.receive(await action.perform(on: source))
        #expect(workbench.state.resetPreview?.preview.rows.map(\.new) == [10, 0])
        #expect(workbench.press(.escape).isEmpty)
        #expect(workbench.state.resetPreview == nil)
        #expect(workbench.state.status?.text == "Reset of billing cancelled: nothing was committed.")
    }
}

/// Group detail's member lines put the client id, host and partitions before the long member id.
@Suite struct GroupDetailMemberTests {
    @Test func membersShowClientIdHostAndPartitionsBeforeTheMemberId() {
        let group = GroupStatus(id: "audit", state: .stable, members: [
            GroupMember(memberId: "audit-a-5f0c2a3e-8d1b-4c33-9a50-0123456789ab", clientId: "audit-a", host: "/127.0.0.1",
                        assignment: [TopicPartition("payments", 1), TopicPartition("payments", 0)]),
            GroupMember(memberId: "audit-b-77", clientId: "audit-b", host: "/127.0.0.2", assignment: [TopicPartition("payments", 2)]),
        ])
        let (workbench, canvas) = Fixtures.workbench(Fixtures.cluster(groups: [group]), cols: 200)
        Fixtures.draw(workbench, on: canvas)
        #expect(canvas.screen.contains("audit-a@/127.0.0.1 payments[0,1]  audit-a-5f0c"))
        #expect(canvas.screen.contains("audit-b@/127.0.0.2 payments[2]  audit-b-77"))
    }
}
