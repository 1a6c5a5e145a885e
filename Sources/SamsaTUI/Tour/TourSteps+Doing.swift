/// The doing-steps of the tour and their checks.
extension TourSteps {
    static let doing: [TourStep] = [
        TourStep(id: "create-topic",
                 title: Localized(en: "Step 1: create a topic", ko: "1단계: 토픽 만들기"),
                 body: Localized(
                    en: "Create the quick start's topic, quickstart-events. Replication factor 3 lets you watch a follower take over later (on a one-broker cluster, use 1).",
                    ko: "빠른 시작의 토픽인 quickstart-events를 만들어 보세요. 복제 계수를 3으로 하면 나중에 팔로워가 리더를 넘겨받는 모습을 볼 수 있습니다(브로커가 하나뿐이면 1로 하세요)."),
                 howTo: Localized(
                    en: "Focus Topics (Tab) and press c, or open the menu with m and choose Create topic…. Fill in the form and press Enter.",
                    ko: "Tab으로 토픽 창에 가서 c를 누르거나, m으로 메뉴를 열어 Create topic…을 고르세요. 양식을 채우고 Enter를 누르면 됩니다."),
                 kind: .doing { context in
                     context.now.topic(named: quickstartTopic) != nil
                         || context.now.topics.contains { !$0.isInternal && context.baseline.topic(named: $0.name) == nil }
                 }),
        TourStep(id: "write-events",
                 title: Localized(en: "Step 2: write events", ko: "2단계: 이벤트 쓰기"),
                 body: Localized(
                    en: "Write at least two events into your topic, such as \"This is my first event\". Typing key:value gives an event a key.",
                    ko: "토픽에 이벤트를 두 개 이상 써 보세요. 예를 들면 \"This is my first event\" 같은 문장입니다. key:value 형식으로 입력하면 키가 붙습니다."),
                 howTo: Localized(
                    en: "Select your topic, press p, type the event and press Enter. The answer shows the partition and offset it got.",
                    ko: "토픽을 선택하고 p를 누른 뒤 이벤트를 입력하고 Enter를 누르세요. 이벤트가 들어간 파티션과 오프셋이 표시됩니다."),
                 kind: .doing { context in
                     guard let topic = context.topic, let status = context.now.topic(named: topic) else { return false }
                     return status.recordCount >= 2
                 }),
        TourStep(id: "read-events",
                 title: Localized(en: "Step 3: read the events", ko: "3단계: 이벤트 읽기"),
                 body: Localized(
                    en: "Start a consumer on your topic. A new group has no committed offsets, so it reads from the beginning, like console-consumer --from-beginning. What it reads appears in the Record tail.",
                    ko: "토픽을 읽는 컨슈머를 시작하세요. 새 그룹에는 커밋된 오프셋이 없으므로 console-consumer --from-beginning처럼 처음부터 읽습니다. 읽은 이벤트는 레코드 테일 창에 나타납니다."),
                 howTo: Localized(
                    en: "Focus Consumer groups and press s (or m, Start a consumer…), keep the topic and press Enter.",
                    ko: "컨슈머 그룹 창에서 s를 누르거나 m 메뉴의 Start a consumer…를 고른 뒤, 토픽은 그대로 두고 Enter를 누르세요."),
                 kind: .doing { context in
                     guard let topic = context.topic else { return false }
                     return context.now.tail.contains { $0.topic == topic }
                 }),
        TourStep(id: "consumer-group",
                 title: Localized(en: "Step 4: a consumer group", ko: "4단계: 컨슈머 그룹"),
                 body: Localized(
                    en: "Start a second consumer in the same group. The group rebalances and its partitions are split between the two members; with more members than partitions, some stay idle.",
                    ko: "같은 그룹에 두 번째 컨슈머를 시작하세요. 그룹이 리밸런스되면서 파티션이 두 멤버에게 나뉩니다. 멤버가 파티션보다 많으면 일부 멤버는 맡을 파티션 없이 대기합니다."),
                 howTo: Localized(
                    en: "Press s again with the same group name. Watch the members and the lag in Consumer groups.",
                    ko: "같은 그룹 이름으로 s를 한 번 더 누르세요. 컨슈머 그룹 창에서 멤버와 랙을 확인할 수 있습니다."),
                 kind: .doing { context in
                     context.now.groups.contains { group in
                         guard group.members.count >= 2 else { return false }
                         guard let topic = context.topic else { return true }
                         return group.topics.contains(topic)
                             || group.members.contains { $0.assignment.contains { $0.topic == topic } }
                             || context.now.consumers.contains { $0.group == group.id && $0.topic == topic }
                     }
                 }),
        TourStep(id: "failover",
                 title: Localized(en: "Step 5: make a leader fail", ko: "5단계: 리더 장애 일으키기"),
                 body: Localized(
                    en: "Kill the broker that leads a partition of your topic and watch a follower become the leader: the epoch goes up and the old leader leaves the ISR. Producers and consumers carry on.",
                    ko: "토픽의 파티션을 이끄는 브로커를 종료시키고 팔로워가 리더가 되는 모습을 지켜보세요. 에포크(epoch)가 올라가고 이전 리더는 ISR에서 빠집니다. 프로듀서와 컨슈머는 계속 동작합니다."),
                 howTo: Localized(
                    en: "Press m, choose Kill broker… and pick the leader marked ★ in Partitions. Start broker brings it back as a follower that catches up and rejoins the ISR. (Attached to another cluster, stop a broker there yourself.)",
                    ko: "m을 눌러 Kill broker…를 고르고, 파티션 창에서 ★로 표시된 리더를 선택하세요. Start broker로 다시 살리면 팔로워로 돌아와 따라잡은 뒤 ISR에 다시 합류합니다. (다른 클러스터에 연결한 경우에는 그쪽에서 직접 브로커를 멈추세요.)"),
                 kind: .doing { context in leaderChanged(from: context.baseline, to: context.now) }),
        exactlyOnce,
        connectFiles,
        wordCountStreams,
        wipe(dataDirectory: nil),
        TourStep(id: "done",
                 title: Localized(en: "That was the quick start", ko: "빠른 시작 완료"),
                 body: Localized(
                    en: "You created a topic, wrote and read events, formed a consumer group, lived through a leader failure, wrote exactly once with a transaction, moved a file's lines through a topic into another file with Kafka Connect and kept a Kafka Streams word count running through a broker failure. Keep experimenting: isolate a broker, add partitions, reset a group's offsets, abort a transaction, pause a connector or start a generator. Press t to close the tour.",
                    ko: "토픽을 만들고, 이벤트를 쓰고 읽고, 컨슈머 그룹을 만들고, 리더 장애를 겪고, 트랜잭션으로 정확히 한 번 쓰고, Kafka Connect로 파일의 줄을 토픽을 거쳐 다른 파일로 옮기고, 브로커 장애 속에서도 Kafka Streams 단어 세기를 계속 돌려 보았습니다. 브로커 격리, 파티션 추가, 그룹 오프셋 초기화, 트랜잭션 중단, 커넥터 일시 정지, 생성기 시작도 계속 실험해 보세요. t를 누르면 투어가 닫힙니다."),
                 howTo: nil, kind: .learn),
    ]

    /// Whether any partition present in both snapshots now has a leader that differs from before (or the
    /// same one with a higher epoch). A partition left without a leader does not count: nobody took over.
    static func leaderChanged(from before: WorkbenchSnapshot, to after: WorkbenchSnapshot) -> Bool {
        for topic in after.topics {
            guard let old = before.topic(named: topic.name) else { continue }
            for partition in topic.partitions where Int(partition.index) < old.partitions.count {
                let previous = old.partitions[Int(partition.index)]
                guard partition.leader != nil else { continue }
                if partition.leader != previous.leader || partition.leaderEpoch > previous.leaderEpoch { return true }
            }
        }
        return false
    }
}
