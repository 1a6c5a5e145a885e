/// One part of a one-line bar (the header, the footer): its forms from fullest to shortest (the last may be
/// empty: the part is then left out) and how much it matters.
struct BarPart {
    let priority: Int
    let forms: [[Span]]

    init(priority: Int, _ forms: [[Span]]) {
        self.priority = priority
        self.forms = forms
    }

    /// A part that is either shown whole or left out.
    static func optional(_ priority: Int, _ spans: [Span]) -> BarPart { BarPart(priority: priority, [spans, []]) }
}

/// Fits a bar to a width by shortening its least important parts first, so what matters (the
/// under-replicated count, `q quit`) is never the part cut off at the right edge.
enum BarFit {
    static func columns(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// The parts' spans in order, each in the fullest form that lets the whole fit in `width` (or the
    /// shortest forms when even those do not fit). Among equal priorities the later part gives way first.
    static func fit(_ parts: [BarPart], width: Int) -> [Span] {
        var chosen = [Int](repeating: 0, count: parts.count)
        var widths = parts.map { columns($0.forms.first ?? []) }
        var total = widths.reduce(0, +)
        while total > width {
            var victim: Int?
            for index in parts.indices where chosen[index] < parts[index].forms.count - 1 {
                if let current = victim, parts[current].priority < parts[index].priority { continue }
                victim = index
            }
            guard let index = victim else { break }
            chosen[index] += 1
            let shorter = columns(parts[index].forms[chosen[index]])
            total += shorter - widths[index]
            widths[index] = shorter
        }
        return parts.indices.flatMap { parts[$0].forms.isEmpty ? [] : parts[$0].forms[chosen[$0]] }
    }
}
