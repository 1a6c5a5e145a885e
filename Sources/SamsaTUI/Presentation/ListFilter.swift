import Foundation

/// Which rows a filter keeps, as indexes into the snapshot's list.
enum ListFilter {
    /// Indexes of `items` whose text contains `filter` (case-insensitively); all of them when it is empty.
    static func indexes<C: RandomAccessCollection>(_ items: C, filter: String, text: (C.Element) -> String) -> [Int]
    where C.Index == Int {
        let needle = filter.trimmingCharacters(in: .whitespaces)
        if needle.isEmpty { return Array(items.indices) }
        return items.indices.filter { text(items[$0]).localizedCaseInsensitiveContains(needle) }
    }
}
