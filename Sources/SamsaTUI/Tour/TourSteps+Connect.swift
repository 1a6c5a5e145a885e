import SamsaConnect

/// Kafka's STEP 6: the quick start's test.txt → connect-test → test.sink.txt, on a standalone Connect worker
/// the workbench runs; the file's lines appear in the record tail and in the sink's file, and a line appended
/// later follows.
extension TourSteps {
    static let connectFiles = TourStep(
        id: "connect",
        title: Localized(en: "Step 6: import and export with Connect", ko: "6단계: Connect로 데이터 가져오고 내보내기"),
        body: Localized(
            en: "Kafka Connect moves data between Kafka and other systems with connectors, without writing code. A source connector reads a system (here the file test.txt) and writes its records to a topic (connect-test); a sink connector reads topics and writes them out (to test.sink.txt). A worker runs them as tasks, remembers how far each source has read (its source offsets) and commits each sink's group offsets, so a restart copies no line twice.",
            ko: "Kafka Connect는 코드를 작성하지 않고 커넥터로 Kafka와 다른 시스템 사이에서 데이터를 옮깁니다. 소스 커넥터는 외부 시스템(여기서는 test.txt 파일)을 읽어 토픽(connect-test)에 레코드를 쓰고, 싱크 커넥터는 토픽을 읽어 밖으로(test.sink.txt로) 씁니다. 워커는 커넥터를 태스크로 실행하며, 소스가 어디까지 읽었는지(소스 오프셋)를 기억하고 싱크의 그룹 오프셋을 커밋하므로 다시 시작해도 같은 줄을 두 번 옮기지 않습니다."),
        howTo: Localized(
            en: "Press C for the Connect view, then w and Enter: foo and bar go into test.txt (in the workbench's data directory). Press s, choose Create a file source… and press Enter (test.txt → connect-test); then s, Create a file sink… and Enter (connect-test → test.sink.txt). Press v and Enter to read connect-test in the record tail: foo and bar appear there in JsonConverter's envelope, and in test.sink.txt under the sink. Then press w, type a new line and press Enter: watch it follow. (Started with --connect-url, the forms go to that Connect cluster instead: this step then needs it on this machine with Kafka's FileStream connectors, as samsa connect-standalone has; otherwise run the workbench without --connect-url.)",
            ko: "C를 눌러 Connect 화면을 열고 w, Enter를 누르세요. foo와 bar가 test.txt(워크벤치 데이터 디렉터리 안)에 들어갑니다. s를 눌러 Create a file source…를 고르고 Enter(test.txt → connect-test), 이어서 s, Create a file sink…, Enter(connect-test → test.sink.txt)를 누르세요. v와 Enter로 레코드 테일에서 connect-test를 읽으면 foo와 bar가 JsonConverter의 봉투에 싸여 나타나고, 싱크 아래 test.sink.txt에도 나타납니다. 그다음 w를 누르고 새 줄을 입력한 뒤 Enter를 누르면 그 줄이 따라 옮겨지는 것을 볼 수 있습니다. (--connect-url로 시작했다면 양식은 그 Connect 클러스터로 갑니다. 이 단계는 그 클러스터가 이 컴퓨터에서 Kafka의 FileStream 커넥터를 갖고 실행될 때(samsa connect-standalone처럼)만 됩니다. 아니면 --connect-url 없이 워크벤치를 실행하세요.)"),
        kind: .doing { context in sinkFileFollowed(context) })

    /// Whether a sink connector's file has changed since the step began and holds at least three lines (the
    /// quick start's two and one appended), the last of them also read from the sink's topic in the record tail.
    static func sinkFileFollowed(_ context: TourContext) -> Bool {
        let connect = context.now.connect
        for sink in connect.snapshot?.connectors ?? [] where sink.type == .sink {
            guard let file = connect.files[sink.name], file.lines.count >= 3, let last = file.lines.last, !last.isEmpty,
                  file.lines != context.baseline.connect.files[sink.name]?.lines else { continue }
            if context.now.tail.contains(where: { sink.topics.contains($0.topic) && $0.value.contains(last) }) { return true }
        }
        return false
    }
}
