import Foundation

/// The Streams step: Kafka's word count runs in the workbench, counts change as lines arrive, and
/// processing carries on when a broker dies.
extension TourSteps {
    static let wordCountStreams = TourStep(
        id: "streams",
        title: Localized(en: "Step 7: stream processing", ko: "7단계: 스트림 처리"),
        body: Localized(
            en: "Kafka Streams turns topics into live computations. The word count reads lines from streams-plaintext-input, splits them into words, regroups them by word through a repartition topic and counts them in a state store (counts-store) backed by a changelog topic; each new count goes to streams-wordcount-output. Its tasks are its partitions, shared by the members of its consumer group.",
            ko: "Kafka Streams는 토픽을 실시간 계산으로 바꿉니다. 단어 세기(word count) 앱은 streams-plaintext-input에서 문장을 읽어 단어로 나누고, 리파티션(repartition) 토픽을 거쳐 단어별로 다시 묶은 뒤, 체인지로그(changelog) 토픽이 뒷받침하는 상태 저장소(counts-store)에서 셉니다. 새 개수는 streams-wordcount-output으로 나갑니다. 태스크는 파티션 단위이며, 앱의 컨슈머 그룹 멤버들이 나눠 맡습니다."),
        howTo: Localized(
            en: "Press m and choose Start the word count demo…, keep the topics and press Enter: the Streams view opens and the producer writes to streams-plaintext-input. Press p, type a few sentences (Enter after each) and watch the counts in the store change. Then press m, Kill broker… and kill one: after a moment the app keeps counting what you type.",
            ko: "m을 눌러 Start the word count demo…를 고르고, 토픽은 그대로 둔 채 Enter를 누르세요. 스트림 창이 열리고 프로듀서는 streams-plaintext-input에 씁니다. p를 누르고 문장 몇 개를 입력하며(문장마다 Enter) 저장소의 개수가 바뀌는 것을 지켜보세요. 그다음 m, Kill broker…로 브로커 하나를 종료시키세요. 잠시 뒤에도 앱은 입력한 문장을 계속 셉니다."),
        kind: .doing { context in streamsKeptProcessing(context) })

    /// Whether a Streams app started here processed records after a broker went down since the step began.
    static func streamsKeptProcessing(_ context: TourContext) -> Bool {
        let began = context.baseline.events.last?.time ?? .distantPast
        guard let failure = context.now.events.first(where: { $0.kind == .brokerDown && $0.time > began })?.time else { return false }
        return context.now.streams.contains { app in
            guard let progress = app.lastProgress, let snapshot = app.snapshot else { return false }
            return progress > failure && snapshot.processedTotal > 0
        }
    }
}
