import SamsaClient

/// What the start-consumer form is filled with. From the groups pane it joins the selected group on a topic
/// that group reads; elsewhere it starts the workbench's own group on the selected topic. Either way the
/// topic is never an internal one (reading `__consumer_offsets` is not what a person starting a consumer wants).
enum StartConsumerDefaults {
    static func form(snapshot: WorkbenchSnapshot, topic: TopicStatus?, group: GroupStatus?, preferGroup: Bool,
                     isolation: IsolationLevel = .readUncommitted) -> FormState {
        func isUsers(_ name: String) -> Bool {
            !(snapshot.topic(named: name)?.isHiddenByDefault ?? name.hasPrefix("__"))
        }
        let selected = topic.map(\.name).flatMap { isUsers($0) ? $0 : nil }
        let read = group?.topics.first(where: isUsers)
        let any = snapshot.topics.first { !$0.isHiddenByDefault }?.name
        let joined = preferGroup ? group : nil
        var form = FormState.startConsumer(topic: (joined != nil ? read ?? selected : selected ?? read) ?? any ?? "", isolation: isolation)
        if let joined { form.fields[0].value = joined.id }
        return form
    }
}
