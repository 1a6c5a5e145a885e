/// The guided tour of Kafka's quick start: ideas first, then doing, each doing-step checked against the
/// snapshot. Content is data so tests can walk it with fake snapshots.
enum TourSteps {
    static let quickstartTopic = "quickstart-events"

    /// The topic the tour follows: quickstart-events if it exists, else a user topic created since the
    /// step began, else the first user topic.
    static func followedTopic(in snapshot: WorkbenchSnapshot, baseline: WorkbenchSnapshot) -> String? {
        if snapshot.topic(named: quickstartTopic) != nil { return quickstartTopic }
        let user = snapshot.topics.filter { !$0.isInternal }
        return user.first { baseline.topic(named: $0.name) == nil }?.name ?? user.first?.name
    }

    static let all: [TourStep] = learning + doing

    /// The tour for a workbench whose cluster keeps its data in `dataDirectory` (nil: attached elsewhere).
    static func all(dataDirectory: String?) -> [TourStep] {
        all.map { $0.id == "wipe" ? wipe(dataDirectory: dataDirectory) : $0 }
    }

    static let learning: [TourStep] = [
        TourStep(id: "welcome",
                 title: Localized(en: "Welcome to Kafka's quick start", ko: "Kafka 빠른 시작에 오신 것을 환영합니다"),
                 body: Localized(
                    en: "This tour follows Apache Kafka's quick start inside the workbench. First a few ideas, then you do each step yourself and the tour notices when you have. Press n to go on, b to go back, L for 한국어, t to hide the tour.",
                    ko: "이 투어는 Apache Kafka의 빠른 시작(quick start)을 워크벤치 안에서 따라갑니다. 먼저 몇 가지 개념을 살펴본 뒤, 각 단계를 직접 해 보면 투어가 완료 여부를 알아서 확인합니다. n은 다음, b는 이전, L은 English, t는 투어 숨기기입니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "topic",
                 title: Localized(en: "Events and topics", ko: "이벤트와 토픽"),
                 body: Localized(
                    en: "Kafka stores events: records of something that happened, each with an optional key, a value and a timestamp. Events are kept in topics, like files in a folder. A topic is an append-only log: new events go at the end, and reading them does not remove them. The Topics pane lists the topics.",
                    ko: "Kafka는 이벤트를 저장합니다. 이벤트는 무언가 일어났다는 기록으로, 키(선택 사항)와 값, 타임스탬프로 이루어집니다. 이벤트는 토픽에 보관되는데, 폴더 속 파일과 비슷합니다. 토픽은 끝에 덧붙이기만 하는 로그여서 새 이벤트는 맨 뒤에 쌓이고, 읽어도 사라지지 않습니다. 토픽 창에서 목록을 볼 수 있습니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "partition",
                 title: Localized(en: "Partitions", ko: "파티션"),
                 body: Localized(
                    en: "A topic is split into partitions, spread over the brokers. Events with the same key always land in the same partition, so their order is kept. Each event gets an offset: its position in the partition. The Partitions pane shows the selected topic's partitions.",
                    ko: "토픽은 여러 파티션으로 나뉘어 브로커들에 흩어져 저장됩니다. 키가 같은 이벤트는 항상 같은 파티션에 들어가므로 순서가 유지됩니다. 각 이벤트는 파티션 안에서의 위치인 오프셋(offset)을 받습니다. 파티션 창에서 선택한 토픽의 파티션을 볼 수 있습니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "broker",
                 title: Localized(en: "Brokers", ko: "브로커"),
                 body: Localized(
                    en: "Brokers are the servers that store partitions and answer clients. One of them is also the controller, which decides who leads each partition. The top line shows each broker: ▲ up, ▼ down, ♛ the controller.",
                    ko: "브로커는 파티션을 저장하고 클라이언트의 요청에 응답하는 서버입니다. 그중 하나는 컨트롤러 역할도 맡아 각 파티션의 리더를 정합니다. 맨 위 줄에 브로커마다 상태가 표시됩니다. ▲는 실행 중, ▼는 중단됨, ♛는 컨트롤러입니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "replica",
                 title: Localized(en: "Replicas", ko: "레플리카"),
                 body: Localized(
                    en: "Each partition is copied to several brokers (the replication factor). One replica is the leader (★) and takes every write. Followers (●) copy from it; those caught up form the in-sync replicas (ISR). A replica that falls behind (◌) leaves the ISR. The high watermark (HW) marks how far every in-sync replica has copied: consumers read up to it.",
                    ko: "각 파티션은 여러 브로커에 복제됩니다(복제 계수, replication factor). 레플리카 하나가 리더(★)가 되어 모든 쓰기를 받습니다. 팔로워(●)는 리더에게서 데이터를 복사하며, 뒤처지지 않은 레플리카들이 ISR(in-sync replicas)을 이룹니다. 뒤처진 레플리카(◌)는 ISR에서 빠집니다. 하이 워터마크(HW)는 모든 ISR 레플리카가 복사를 마친 위치로, 컨슈머는 여기까지 읽을 수 있습니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "producer",
                 title: Localized(en: "Producers", ko: "프로듀서"),
                 body: Localized(
                    en: "Producers write events. The partitioner picks the partition: by the key's hash, or sticking to one partition at a time when there is no key. acks says how many replicas must have the event before the broker answers: 0 (do not wait), 1 (the leader) or all (every in-sync replica).",
                    ko: "프로듀서는 이벤트를 씁니다. 파티셔너가 파티션을 고르는데, 키가 있으면 키의 해시로 고르고, 키가 없으면 한동안 한 파티션에 몰아서(sticky) 보냅니다. acks는 브로커가 응답하기 전에 몇 개의 레플리카가 이벤트를 받아야 하는지 정합니다. 0(기다리지 않음), 1(리더만), all(모든 ISR 레플리카) 중 하나입니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "consumer",
                 title: Localized(en: "Consumers", ko: "컨슈머"),
                 body: Localized(
                    en: "Consumers read events in order, partition by partition, and remember where they are by committing offsets. Reading deletes nothing: another consumer can read the same events again from the beginning.",
                    ko: "컨슈머는 파티션별로 이벤트를 순서대로 읽고, 오프셋을 커밋해서 어디까지 읽었는지 기록합니다. 읽는다고 이벤트가 지워지지는 않으므로, 다른 컨슈머가 같은 이벤트를 처음부터 다시 읽을 수 있습니다."),
                 howTo: nil, kind: .learn),
        TourStep(id: "group",
                 title: Localized(en: "Consumer groups", ko: "컨슈머 그룹"),
                 body: Localized(
                    en: "Consumers that share a group id split the topic's partitions: each partition is read by one member of the group. When members join or leave, the group rebalances. Lag is how far the group is behind the end of the log.",
                    ko: "같은 그룹 ID를 쓰는 컨슈머들은 토픽의 파티션을 나눠 맡습니다. 파티션 하나는 그룹 안의 한 멤버만 읽습니다. 멤버가 들어오거나 나가면 그룹이 리밸런스됩니다. 랙(lag)은 그룹이 로그의 끝에서 얼마나 뒤처져 있는지를 나타냅니다."),
                 howTo: nil, kind: .learn),
    ]
}
