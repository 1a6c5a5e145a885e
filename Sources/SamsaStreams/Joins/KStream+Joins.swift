/// Stream-stream joins (Kafka's `KStream.join/leftJoin/outerJoin(KStream, …, JoinWindows)`).
extension KStream {
    /// Joins records of both streams with the same key whose timestamps are within `windows`.
    public func join<VO, VR>(_ other: KStream<K, VO>, windows: JoinWindows, _ streamJoined: StreamJoined<K, V, VO> = StreamJoined(),
                             _ joiner: @escaping @Sendable (V, VO) -> VR) -> KStream<K, VR> {
        streamStreamJoin(other, .inner, windows, streamJoined) { _, l, r in joiner(l as! V, r as! VO) }
    }

    /// Like `join`, and a left record that found no partner once its window closed joins with nil.
    public func leftJoin<VO, VR>(_ other: KStream<K, VO>, windows: JoinWindows, _ streamJoined: StreamJoined<K, V, VO> = StreamJoined(),
                                 _ joiner: @escaping @Sendable (V, VO?) -> VR) -> KStream<K, VR> {
        streamStreamJoin(other, .left, windows, streamJoined) { _, l, r in joiner(l as! V, r as? VO) }
    }

    /// Like `leftJoin`, for unmatched records of either side.
    public func outerJoin<VO, VR>(_ other: KStream<K, VO>, windows: JoinWindows, _ streamJoined: StreamJoined<K, V, VO> = StreamJoined(),
                                  _ joiner: @escaping @Sendable (V?, VO?) -> VR) -> KStream<K, VR> {
        streamStreamJoin(other, .outer, windows, streamJoined) { _, l, r in joiner(l as? V, r as? VO) }
    }

    /// Kafka's `KStreamImpl.doJoin` + `KStreamImplJoin.join`: repartition either side whose key changed, then
    /// `<side>-windowed` nodes keeping each side in its window store, the two join nodes, and a merge.
    private func streamStreamJoin<VO, VR>(_ other: KStream<K, VO>, _ kind: JoinKind, _ windows: JoinWindows,
                                          _ joined: StreamJoined<K, V, VO>,
                                          joiner: @escaping @Sendable (Any?, Any?, Any?) -> Any?) -> KStream<K, VR> {
        let named = joined.name.map { Named($0) }
        let keySerde = joined.keySerde ?? self.keySerde ?? other.keySerde
        let valueSerde = joined.valueSerde ?? self.valueSerde, otherSerde = joined.otherValueSerde ?? other.valueSerde
        let left = repartitionIfNeeded(namePrefix: joined.name.map { $0 + "-left" } ?? name, key: keySerde, value: valueSerde)
        let right = other.repartitionIfNeeded(namePrefix: joined.name.map { $0 + "-right" } ?? other.name, key: keySerde, value: otherSerde)
        builder.graph.copartition(left.name, right.name)

        let thisWindowedName = named.suffixed("-this-windowed", builder, prefix: "KSTREAM-WINDOWED-")
        let otherWindowedName = named.suffixed("-other-windowed", builder, prefix: "KSTREAM-WINDOWED-")
        let thisGenerated = builder.newName(prefix: kind == .outer ? "KSTREAM-OUTERTHIS-" : "KSTREAM-JOINTHIS-")
        let otherGenerated = builder.newName(prefix: kind == .inner ? "KSTREAM-JOINOTHER-" : "KSTREAM-OUTEROTHER-")
        let thisSuffix = kind == .outer ? "-outer-this-join" : "-this-join"
        let otherSuffix = kind == .inner ? "-other-join" : "-outer-other-join"
        let thisName = joined.name.map { $0 + thisSuffix } ?? thisGenerated
        let otherName = joined.name.map { $0 + otherSuffix } ?? otherGenerated
        let mergeName = named.suffixed("-merge", builder, prefix: "KSTREAM-MERGE-")
        let thisStore = (joined.storeName.map { $0 + thisSuffix } ?? thisGenerated) + "-store"
        let otherStore = (joined.storeName.map { $0 + otherSuffix } ?? otherGenerated) + "-store"
        var sharedStore: String?
        if kind != .inner {
            let sharedSuffix = kind == .outer ? "-outer-shared-join" : "-left-shared-join"
            let index = thisGenerated.suffix(10)
            sharedStore = (joined.storeName.map { $0 + sharedSuffix } ?? "KSTREAM-OUTERSHARED-\(index)") + "-store"
        }
        guard let keySerde, let valueSerde, let otherSerde else {
            builder.fail("The stream-stream join \(thisName) needs key and value serdes for its window stores: pass them in StreamJoined.")
            return KStream<K, VR>(builder: builder, name: mergeName, keySerde: nil, valueSerde: nil)
        }

        let retention = windows.sizeMs + windows.gracePeriodMs
        for store in [thisStore, otherStore] {
            builder.graph.addStore(StoreSpec(name: store, kind: .window(sizeMs: windows.sizeMs, retentionMs: retention, retainDuplicates: true),
                                             loggingEnabled: joined.loggingEnabled, persistent: joined.persistent,
                                             changelogConfigs: joined.changelogConfigs))
        }
        if let sharedStore {
            builder.graph.addStore(StoreSpec(name: sharedStore, kind: .keyValue, loggingEnabled: joined.loggingEnabled,
                                             persistent: joined.persistent, changelogConfigs: joined.changelogConfigs))
        }
        let erasedKey = ErasedSerde(keySerde, what: "key")
        let erasedLeft = ErasedSerde(valueSerde, what: "value"), erasedRight = ErasedSerde(otherSerde, what: "value")
        builder.graph.addProcessor(name: thisWindowedName, parents: [left.name], stores: [thisStore]) {
            JoinWindowProcessor(storeName: thisStore, keySerde: erasedKey, valueSerde: erasedLeft)
        }
        builder.graph.addProcessor(name: otherWindowedName, parents: [right.name], stores: [otherStore]) {
            JoinWindowProcessor(storeName: otherStore, keySerde: erasedKey, valueSerde: erasedRight)
        }
        let trackers = JoinTimeTrackers()
        func config(leftSide: Bool) -> StreamStreamJoinProcessor.Config {
            StreamStreamJoinProcessor.Config(
                isLeftSide: leftSide, otherStoreName: leftSide ? otherStore : thisStore, outerStoreName: sharedStore,
                windows: windows, outer: leftSide ? kind != .inner : kind == .outer, keySerde: erasedKey,
                leftSerde: erasedLeft, rightSerde: erasedRight, joiner: joiner, trackers: trackers)
        }
        let thisConfig = config(leftSide: true), otherConfig = config(leftSide: false)
        builder.graph.addProcessor(name: thisName, parents: [thisWindowedName], stores: [otherStore] + (sharedStore.map { [$0] } ?? [])) {
            StreamStreamJoinProcessor(thisConfig)
        }
        builder.graph.addProcessor(name: otherName, parents: [otherWindowedName], stores: [thisStore] + (sharedStore.map { [$0] } ?? [])) {
            StreamStreamJoinProcessor(otherConfig)
        }
        builder.graph.addProcessor(name: mergeName, parents: [thisName, otherName]) { PassThroughProcessor() }
        return KStream<K, VR>(builder: builder, name: mergeName, keySerde: keySerde, valueSerde: valueSerde as? Serde<VR>)
    }
}

/// Forwards every record unchanged (Kafka's `PassThrough`, the merge after a join).
final class PassThroughProcessor: ProcessorNode {
    private var context: ProcessorContext!
    func initialize(_ context: ProcessorContext) throws { self.context = context }
    func process(_ record: AnyRecord) throws { try context.forward(record) }
}
