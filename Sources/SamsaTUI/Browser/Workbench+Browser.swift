import Foundation

/// The record browser's keys: its own bindings (scope `.browser`), a filter being typed, a form, or one
/// record open whole. Reads leave through ``browserRequests()`` and come back through ``receiveBrowse(_:_:)``.
extension Workbench {
    /// Opens the browser on the selected partition (Partitions pane focused) or the whole selected topic.
    func openBrowser() {
        guard let topic = selectedTopic else {
            setStatus("Select a topic first.", .info)
            return
        }
        guard !topic.partitions.isEmpty else {
            setStatus("Topic \(topic.name) has no partitions to read.", .info)
            return
        }
        if state.focus == .partitions, topic.partitions.indices.contains(state.selectedPartition) {
            state.browser = RecordBrowser(topic: topic.name, partitions: [topic.partitions[state.selectedPartition].index], isTopic: false)
        } else {
            state.browser = RecordBrowser(topic: topic.name, partitions: topic.partitions.map(\.index), isTopic: true)
        }
    }

    /// Reads the browser needs now (the event loop runs them off the UI thread).
    func browserRequests() -> [BrowserRequest] {
        guard state.browser != nil else { return [] }
        let tick = state.browser!.tick
        return state.browser!.model.requests(tick: tick)
    }

    /// A read came back; returns whether the browser is still open to show it.
    @discardableResult
    func receiveBrowse(_ request: BrowserRequest, _ reply: BrowserReply) -> Bool {
        guard state.browser != nil, state.browser!.model.topic == request.topic else { return false }
        let tick = state.browser!.tick
        state.browser!.model.apply(request, reply, tick: tick)
        return true
    }

    /// One tick of the event loop: follow mode polls and failed reads retry on ticks.
    func tickBrowser() {
        state.browser?.tick += 1
    }

    func handleBrowser(_ key: Key) -> [Effect] {
        guard var browser = state.browser else { return [] }
        defer { if state.browser != nil { state.browser = browser } }
        switch browser.mode {
        case .filter(var text):
            switch key {
            case .enter:
                do {
                    browser.filter = try RecordFilter.parse(text)
                    browser.mode = .rows
                    if browser.filter != nil, !browser.jumpToMatch(forward: true) {
                        setStatus("No record in the loaded range matches \(text); scroll or seek to load more.", .info)
                    }
                } catch {
                    setStatus(error.description, .error)
                }
            case .escape:
                browser.filter = nil
                browser.mode = .rows
            case .backspace:
                if !text.isEmpty { text.removeLast() }
                browser.mode = .filter(text)
            case .char(let c): browser.mode = .filter(text + String(c))
            case .paste(let pasted): browser.mode = .filter(text + pasted)
            default: break
            }
            return []
        case .form(var form):
            switch key {
            case .escape: browser.mode = .rows
            case .enter: return submit(form, &browser)
            case .tab, .down: form.focus(by: 1)
            case .backTab, .up: form.focus(by: -1)
            case .backspace: form.backspace()
            case .char(let c): form.type(c)
            case .paste(let text): form.paste(text)
            default: break
            }
            if case .form = browser.mode { browser.mode = .form(form) }
            return []
        case .detail(let scroll):
            switch keyMap.command(for: key, in: .browser) {
            case .cancel?, .open?: browser.mode = .rows
            case .moveDown?: browser.mode = .detail(scroll: scroll + 1)
            case .moveUp?: browser.mode = .detail(scroll: max(0, scroll - 1))
            case .pageDown?: browser.mode = .detail(scroll: scroll + max(1, browser.height - 1))
            case .pageUp?: browser.mode = .detail(scroll: max(0, scroll - max(1, browser.height - 1)))
            case .moveTop?: browser.mode = .detail(scroll: 0)
            case .writeRecord?: openWriteForm(range: false, &browser)
            case .reproduceRecord?: openReproduceForm(&browser)
            default: break
            }
            return []
        case .rows:
            break
        }
        switch key {
        case .wheelDown: browser.model.move(by: 3)
        case .wheelUp: browser.model.move(by: -3)
        default: break
        }
        guard let command = keyMap.command(for: key, in: .browser) else { return [] }
        switch command {
        case .moveDown: browser.model.move(by: 1)
        case .moveUp: browser.model.move(by: -1)
        case .pageDown: browser.model.move(by: max(1, browser.height - 1))
        case .pageUp: browser.model.move(by: -max(1, browser.height - 1))
        case .moveTop: browser.model.seek(.earliest)
        case .moveBottom: browser.model.seek(.latest)
        case .filter: browser.mode = .filter(browser.filter?.source ?? "")
        case .nextMatch, .previousMatch:
            if browser.filter == nil {
                setStatus("Search first: f or / then text, k:key, v:value, /regex/ or h:header.", .info)
            } else if !browser.jumpToMatch(forward: command == .nextMatch) {
                setStatus("No record in the loaded range matches \(browser.filter!.source).", .info)
            }
        case .open:
            if browser.model.selected != nil { browser.mode = .detail(scroll: 0) }
        case .seekRecords:
            let partition = browser.model.isTopic ? "all" : String(browser.model.partitions.first ?? 0)
            browser.mode = .form(BrowserForm(title: "Seek", purpose: .seek, fields: [
                .init(label: "To", value: ""), .init(label: "Partition", value: partition)],
                hint: "earliest, latest, an offset, 2026-11-30 10:00 (UTC) or -15m/-2h/-1d"))
        case .writeRecord: openWriteForm(range: false, &browser)
        case .writeRecords: openWriteForm(range: true, &browser)
        case .reproduceRecord: openReproduceForm(&browser)
        case .cancel:
            state.browser = nil
            return []
        default: break
        }
        return []
    }

    private func openWriteForm(range: Bool, _ browser: inout RecordBrowser) {
        guard let record = browser.model.selected else {
            setStatus("No record is selected.", .info)
            return
        }
        let name = range ? "\(record.topic)-records.jsonl" : "\(record.topic)-\(record.partition)-\(record.offset).jsonl"
        let count = range ? browser.rangeToWrite().count : 1
        let what = range ? (browser.filter == nil ? "Write \(Format.counted(count, "loaded record"))" : "Write \(Format.count(count)) \(count == 1 ? "match" : "matches")") : "Write the record"
        browser.mode = .form(BrowserForm(title: what, purpose: .write(range: range), fields: [.init(label: "File", value: name)],
                                         hint: "JSON lines (topic, partition, offset, timestamp, key, value, headers)"))
    }

    private func openReproduceForm(_ browser: inout RecordBrowser) {
        guard let record = browser.model.selected else {
            setStatus("No record is selected.", .info)
            return
        }
        let shown = Self.reproduceFields(record)
        browser.mode = .form(BrowserForm(title: "Re-produce \(record.topic)-\(record.partition)@\(record.offset)", purpose: .reproduce(original: record), fields: [
            .init(label: "Topic", value: record.topic), .init(label: "Key", value: shown.key),
            .init(label: "Value", value: shown.value), .init(label: "Headers", value: shown.headers)],
            hint: "headers as name=value, name2=value2; an empty key is sent as no key"))
    }

    private func submit(_ form: BrowserForm, _ browser: inout RecordBrowser) -> [Effect] {
        var form = form
        switch form.purpose {
        case .seek:
            do {
                let seek = try BrowserSeek.parse(form.value("To"), now: now)
                let partition = form.value("Partition").trimmingCharacters(in: .whitespaces)
                if browser.model.isTopic, !partition.isEmpty, partition != "all" {
                    guard let index = Int32(partition), browser.model.partitions.contains(index) else {
                        form.error = "Partition is all or one of 0–\((browser.model.partitions.max() ?? 0))."
                        browser.mode = .form(form)
                        return []
                    }
                    browser = RecordBrowser(topic: browser.model.topic, partitions: [index], isTopic: false, seek: seek)
                } else {
                    browser.model.seek(seek)
                }
                browser.mode = .rows
                setStatus("Seeking \(browser.model.topic) to \(seek.label)…", .info)
            } catch {
                form.error = error.description
                browser.mode = .form(form)
            }
            return []
        case .write(let range):
            let path = form.value("File").trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else {
                form.error = "Name the file to write."
                browser.mode = .form(form)
                return []
            }
            let records = range ? browser.rangeToWrite() : browser.model.selected.map { [$0] } ?? []
            browser.mode = .rows
            return [.perform(.writeRecords(path: path, records: records))]
        case .reproduce(let original):
            let topic = form.value("Topic").trimmingCharacters(in: .whitespaces)
            guard !topic.isEmpty else {
                form.error = "Name the topic to send to."
                browser.mode = .form(form)
                return []
            }
            let key = form.value("Key"), value = form.value("Value"), typedHeaders = form.value("Headers")
            let shown = Self.reproduceFields(original)
            var headers = typedHeaders.split(separator: ",").compactMap { part -> BrowsedRecord.Header? in
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { return nil }
                let pieces = trimmed.split(separator: "=", maxSplits: 1)
                return BrowsedRecord.Header(key: String(pieces[0]), value: pieces.count > 1 ? Array(pieces[1].utf8) : nil)
            }
            if typedHeaders == shown.headers { headers = original.headers }
            // Fields left as shown keep the record's exact bytes (binary keys and values survive).
            let keyBytes = key == shown.key ? original.key : (key.isEmpty ? nil : Array(key.utf8))
            let valueBytes = value == shown.value ? original.value : Array(value.utf8)
            browser.mode = .rows
            return [.perform(.reproduce(ReproduceRequest(topic: topic, key: keyBytes, value: valueBytes, headers: headers)))]
        }
    }

    /// The re-produce form's text for a record's key, value and headers.
    static func reproduceFields(_ record: BrowsedRecord) -> (key: String, value: String, headers: String) {
        func text(_ bytes: [UInt8]?) -> String { bytes.map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return (text(record.key), text(record.value), record.headers.map { "\($0.key)=\(text($0.value))" }.joined(separator: ", "))
    }
}
