/// A small form inside the record browser (seek, write to a file, re-produce): labelled text fields,
/// Tab/↑/↓ between them, Enter submits, Esc cancels.
struct BrowserForm: Equatable {
    enum Purpose: Equatable {
        case seek
        case write(range: Bool)
        /// Sending `original` again: fields left as shown keep its exact bytes.
        case reproduce(original: BrowsedRecord)
    }

    struct Field: Equatable {
        let label: String
        var value: String
    }

    let title: String
    let purpose: Purpose
    var fields: [Field]
    var focused = 0
    var error: String?
    /// One line under the fields saying what they take.
    let hint: String

    func value(_ label: String) -> String { fields.first { $0.label == label }?.value ?? "" }

    mutating func type(_ character: Character) {
        guard fields.indices.contains(focused) else { return }
        fields[focused].value.append(character)
        error = nil
    }

    mutating func backspace() {
        guard fields.indices.contains(focused), !fields[focused].value.isEmpty else { return }
        fields[focused].value.removeLast()
        error = nil
    }

    mutating func paste(_ text: String) {
        guard fields.indices.contains(focused) else { return }
        fields[focused].value += text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: " ")
    }

    mutating func focus(by step: Int) {
        guard !fields.isEmpty else { return }
        focused = (focused + step + fields.count) % fields.count
    }
}
