/// Java's `TreeSet` (a `TreeMap` red-black tree) over names, with a comparator that may change its mind after
/// insertion. Kafka's `describe()` keeps each node's predecessors and successors in such sets while their
/// sub-tree sizes still grow, so the printed order is where each name landed when it was inserted; matching
/// Kafka's text means inserting exactly as `TreeMap.put` does.
final class JavaTreeSet {
    private final class Entry {
        let key: String
        var left: Entry?
        var right: Entry?
        weak var parent: Entry?
        var red = false
        init(_ key: String, parent: Entry?) {
            self.key = key
            self.parent = parent
        }
    }

    private var root: Entry?
    private let compare: (String, String) -> Int

    init(compare: @escaping (String, String) -> Int) { self.compare = compare }

    /// In-order, as the set iterates.
    var elements: [String] {
        var out: [String] = []
        func walk(_ entry: Entry?) {
            guard let entry else { return }
            walk(entry.left)
            out.append(entry.key)
            walk(entry.right)
        }
        walk(root)
        return out
    }

    func insert(_ key: String) {
        guard var t = root else {
            root = Entry(key, parent: nil)
            return
        }
        var parent = t, cmp = 0
        while true {
            parent = t
            cmp = compare(key, t.key)
            if cmp == 0 { return }
            guard let next = cmp < 0 ? t.left : t.right else { break }
            t = next
        }
        let entry = Entry(key, parent: parent)
        if cmp < 0 { parent.left = entry } else { parent.right = entry }
        fixAfterInsertion(entry)
    }

    // TreeMap.fixAfterInsertion and its rotations; `left` picks the case, the other is its mirror image.
    private func fixAfterInsertion(_ inserted: Entry) {
        var x: Entry? = inserted
        x?.red = true
        while let current = x, current !== root, isRed(current.parent) {
            let parent = current.parent, grand = parent?.parent
            let left = parent === grand?.left
            let uncle = grand.flatMap { child(of: $0, left: !left) }
            if isRed(uncle) {
                parent?.red = false
                uncle?.red = false
                grand?.red = true
                x = grand
            } else {
                var node = current
                if let up = node.parent, node === child(of: up, left: !left) {
                    node = up
                    rotate(node, left: left)
                }
                node.parent?.red = false
                node.parent?.parent?.red = true
                rotate(node.parent?.parent, left: !left)
                x = node
            }
        }
        root?.red = false
    }

    private func isRed(_ entry: Entry?) -> Bool { entry?.red ?? false }

    private func child(of entry: Entry, left: Bool) -> Entry? { left ? entry.left : entry.right }

    private func setChild(of entry: Entry, left: Bool, to value: Entry?) {
        if left { entry.left = value } else { entry.right = value }
    }

    /// `rotateLeft` (left: true) or `rotateRight` around `p`.
    private func rotate(_ p: Entry?, left: Bool) {
        guard let p, let pivot = child(of: p, left: !left) else { return }
        setChild(of: p, left: !left, to: child(of: pivot, left: left))
        child(of: pivot, left: left)?.parent = p
        pivot.parent = p.parent
        if let up = p.parent {
            setChild(of: up, left: up.left === p, to: pivot)
        } else {
            root = pivot
        }
        setChild(of: pivot, left: left, to: p)
        p.parent = pivot
    }
}
