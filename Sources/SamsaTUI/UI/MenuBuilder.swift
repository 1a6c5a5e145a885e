/// Builds the action menu from what is on screen: cluster faults (embedded mode only), actions on the
/// selected topic, actions on the selected group, and the producer pane's transaction.
enum MenuBuilder {
    static func root(snapshot: WorkbenchSnapshot, topic: TopicStatus?, group: GroupStatus?,
                     transaction: ProducerTransaction? = nil) -> MenuLevel {
        var items: [MenuItem] = []
        if snapshot.mode.offersFaults {
            items.append(.heading("Cluster"))
            items.append(contentsOf: faultItems(snapshot, topic: topic))
            items.append(.heading("Security"))
            items.append(MenuItem(title: "ACL demo: SASL listener, read-only user", note: "narrated in events", then: .run(.securityDemo)))
        }
        items.append(.heading("Topics"))
        items.append(MenuItem(title: "Create topic…", then: .form(.createTopic(brokerCount: snapshot.brokers.count))))
        if let topic {
            items.append(MenuItem(title: "Delete topic \(topic.name)…", enabled: !topic.isInternal,
                                  then: .confirm(ConfirmState(question: "Delete topic \(topic.name) and all its records?",
                                                              then: .run(.deleteTopic(topic.name))))))
            items.append(MenuItem(title: "Add partitions to \(topic.name)…",
                                  then: .form(.addPartitions(topic: topic.name, current: topic.partitions.count))))
        } else {
            items.append(MenuItem(title: "Delete topic…", note: "select a topic first", enabled: false, then: nil))
        }
        items.append(.heading("Consumer groups"))
        items.append(MenuItem(title: "Start a consumer…", enabled: topic != nil || group != nil,
                              then: .form(StartConsumerDefaults.form(snapshot: snapshot, topic: topic, group: group, preferGroup: false))))
        items.append(MenuItem(title: "Start a read_committed consumer…", note: "sees committed transactions only",
                              enabled: topic != nil || group != nil,
                              then: .form(StartConsumerDefaults.form(snapshot: snapshot, topic: topic, group: group, preferGroup: false,
                                                                     isolation: .readCommitted))))
        items.append(stopConsumerItem(snapshot.consumers))
        if let group {
            for topicName in group.topics {
                for target in OffsetResetTarget.allCases {
                    items.append(MenuItem(
                        title: "Reset \(group.id) on \(topicName) to \(target.rawValue)…",
                        then: .confirm(ConfirmState(
                            question: "Move group \(group.id) on \(topicName) to the \(target.rawValue) offsets? (Its members must be stopped.)",
                            then: .run(.resetOffsets(group: group.id, topic: topicName, to: target))))))
                }
            }
        }
        items.append(.heading("Transactions"))
        items.append(contentsOf: transactionItems(transaction))
        items.append(.heading("Streams"))
        items.append(contentsOf: streamsItems(snapshot))
        items.append(.heading("Connect"))
        items.append(contentsOf: connectItems(snapshot.connect))
        return MenuLevel(title: "Actions", items: items, selected: items.firstIndex { !$0.isHeading && $0.enabled } ?? 0)
    }

    /// Begin one (choosing its transactional id), or end the one the producer pane has open.
    static func transactionItems(_ transaction: ProducerTransaction?) -> [MenuItem] {
        guard let transaction else {
            return [MenuItem(title: "Begin a transaction…", note: "then send from the producer (p)", then: .form(.beginTransaction()))]
        }
        let ending = !transaction.takesRecords
        return [
            MenuItem(title: "Commit transaction \(transaction.id)", note: ending ? "already ending" : "", enabled: !ending,
                     then: .run(.commitTransaction(transactionalId: transaction.id))),
            MenuItem(title: "Abort transaction \(transaction.id)", note: ending ? "already ending" : "", enabled: !ending,
                     then: .run(.abortTransaction(transactionalId: transaction.id))),
        ]
    }

    /// What Enter on a group offers: another consumer in it, stopping the ones started here, resets.
    static func group(_ group: GroupStatus, snapshot: WorkbenchSnapshot) -> MenuLevel {
        let form = StartConsumerDefaults.form(snapshot: snapshot, topic: nil, group: group, preferGroup: true)
        var items = [MenuItem(title: "Start another consumer in \(group.id)…", then: .form(form))]
        for consumer in snapshot.consumers where consumer.group == group.id {
            items.append(MenuItem(title: "Stop \(consumer.memberId) (\(consumer.topic))", then: .run(.stopConsumer(memberId: consumer.memberId))))
        }
        items += root(snapshot: snapshot, topic: nil, group: group).items.filter { $0.title.hasPrefix("Reset ") }
        return MenuLevel(title: "Group \(group.id)", items: items)
    }

    /// Faults on brokers; with a topic selected, each broker says which of its partitions it leads, so
    /// "kill the leader" needs no counting.
    static func faultItems(_ snapshot: WorkbenchSnapshot, topic: TopicStatus? = nil) -> [MenuItem] {
        func brokers(_ title: String, _ make: (Int32) -> WorkbenchAction, where keep: (BrokerStatus) -> Bool) -> MenuItem {
            let choices = snapshot.brokers.filter(keep).map { broker in
                MenuItem(title: "Broker \(broker.id) (\(broker.address), \(broker.state.rawValue)\(broker.isController ? ", controller" : ""))",
                         note: topic.map { leadership(of: broker.id, in: $0) } ?? "", then: .run(make(broker.id)))
            }
            return MenuItem(title: title + "…", note: choices.isEmpty ? "no broker fits" : "", enabled: !choices.isEmpty,
                            then: .submenu(MenuLevel(title: title, items: choices)))
        }
        return [
            brokers("Kill broker (crash)", { .killBroker($0) }, where: { $0.state != .crashed && $0.state != .stopped }),
            brokers("Stop broker (clean shutdown)", { .stopBroker($0) }, where: { $0.state != .crashed && $0.state != .stopped }),
            brokers("Start broker", { .startBroker($0) }, where: { $0.state == .crashed || $0.state == .stopped }),
            brokers("Isolate broker (network partition)", { .isolateBroker($0) }, where: { $0.state == .up }),
            MenuItem(title: "Heal: start every broker, end isolation", then: .run(.heal)),
            MenuItem(title: "Elect preferred leaders", then: .run(.electLeaders)),
        ]
    }

    /// "leads orders 0,2", or "" when the broker leads none of the topic's partitions.
    static func leadership(of broker: Int32, in topic: TopicStatus) -> String {
        let led = topic.partitions.filter { $0.leader == broker }.map { String($0.index) }
        return led.isEmpty ? "" : "leads \(topic.name) \(led.joined(separator: ","))"
    }

    static func stopConsumerItem(_ consumers: [WorkbenchConsumer]) -> MenuItem {
        let choices = consumers.map { consumer in
            MenuItem(title: "\(consumer.memberId) in \(consumer.group) on \(consumer.topic)",
                     then: .run(.stopConsumer(memberId: consumer.memberId)))
        }
        return MenuItem(title: "Stop a consumer…", note: choices.isEmpty ? "none started here" : "",
                        enabled: !choices.isEmpty, then: .submenu(MenuLevel(title: "Stop a consumer", items: choices)))
    }
}
