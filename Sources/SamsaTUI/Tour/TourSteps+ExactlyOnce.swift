/// The exactly-once step (5b: Kafka's quick start has none; its STEP 6 is Connect): a transaction's records stay invisible to a read_committed consumer until the
/// transaction commits, and never appear if it aborts.
extension TourSteps {
    static let exactlyOnce = TourStep(
        id: "exactly-once",
        title: Localized(en: "Step 5b: exactly once", ko: "5b단계: 정확히 한 번(exactly-once)"),
        body: Localized(
            en: "A transaction writes records to any partitions, then commits them all or aborts them all. Until it ends, its records are in the log but pending: the last stable offset (LSO) stays at its first record, and a read_committed consumer reads no further. A commit moves the LSO up to the high watermark and the records appear; after an abort a read_committed consumer never sees them. Kafka Streams' exactly-once rests on this.",
            ko: "트랜잭션은 여러 파티션에 레코드를 쓴 뒤 모두 커밋하거나 모두 중단(abort)합니다. 끝나기 전까지 레코드는 로그에 있지만 보류(pending) 상태입니다. 마지막 안정 오프셋(LSO)이 트랜잭션의 첫 레코드에 머물고, read_committed 컨슈머는 그 너머를 읽지 않습니다. 커밋하면 LSO가 하이 워터마크까지 올라가 레코드가 나타나고, 중단하면 read_committed 컨슈머는 그 레코드를 끝내 보지 못합니다. Kafka Streams의 정확히 한 번 처리가 바로 이것에 기대고 있습니다."),
        howTo: Localized(
            en: "Press m and choose Start a read_committed consumer… on your topic. Press p, then ^T to begin a transaction, and send two records: the tail marks them [pending] for the read_uncommitted consumer, Partitions shows the LSO behind the HW, the read_committed consumer shows nothing. Press ^E to commit and watch them appear. Then try ^T, a record and ^R to abort: the read_committed consumer never shows it.",
            ko: "m을 눌러 Start a read_committed consumer…로 토픽을 읽는 컨슈머를 시작하세요. p를 누르고 ^T로 트랜잭션을 시작한 뒤 레코드 두 개를 보내세요. read_uncommitted 컨슈머의 테일에는 [pending]으로 표시되고, 파티션 창에서는 LSO가 HW 뒤에 머물며, read_committed 컨슈머에는 아무것도 나타나지 않습니다. ^E로 커밋하면 레코드가 나타납니다. 이어서 ^T, 레코드 하나, ^R로 중단해 보세요. read_committed 컨슈머에는 끝내 나타나지 않습니다."),
        kind: .doing { context in committedRecordReadCommitted(context) })

    /// Whether a transaction committed since the step began and a read_committed consumer then read a record
    /// of the followed topic written since the step began.
    static func committedRecordReadCommitted(_ context: TourContext) -> Bool {
        let began = context.baseline.events.last?.time ?? .distantPast
        guard context.now.events.contains(where: { $0.kind == .transactionCommitted && $0.time > began }) else { return false }
        return context.now.tail.contains { record in
            guard record.isolation == .readCommitted, context.topic == nil || record.topic == context.topic else { return false }
            let before = context.baseline.topic(named: record.topic)?.partitions.first { $0.index == record.partition }
            return record.offset >= (before?.highWatermark ?? 0)
        }
    }
}
