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

    // TreeMap.fixAfterInsertion and its rotations, line for line.
    private func fixAfterInsertion(_ inserted: Entry) {
        var x: Entry? = inserted
        x?.red = true
        while let current = x, current !== root, isRed(current.parent) {
            let parent = current.parent, grand = parent?.parent
            if parent === grand?.left {
                let uncle = grand?.right
                if isRed(uncle) {
                    parent?.red = false
                    uncle?.red = false
                    grand?.red = true
                    x = grand
                } else {
                    var node = current
                    if node === node.parent?.right {
                        node = node.parent!
                        rotateLeft(node)
                    }
                    node.parent?.red = false
                    node.parent?.parent?.red = true
                    rotateRight(node.parent?.parent)
                    x = node
                }
            } else {
                let uncle = grand?.left
                if isRed(uncle) {
                    parent?.red = false
                    uncle?.red = false
                    grand?.red = true
                    x = grand
                } else {
                    var node = current
                    if node === node.parent?.left {
                        node = node.parent!
                        rotateRight(node)
                    }
                    node.parent?.red = false
                    node.parent?.parent?.red = true
                    rotateLeft(node.parent?.parent)
                    x = node
                }
            }
        }
        root?.red = false
    }

    private func isRed(_ entry: Entry?) -> Bool { entry?.red ?? false }

    private func rotateLeft(_ p: Entry?) {
        guard let p, let r = p.right else { return }
        p.right = r.left
        r.left?.parent = p
        r.parent = p.parent
        if p.parent == nil { root = r } else if p.parent?.left === p { p.parent?.left = r } else { p.parent?.right = r }
        r.left = p
        p.parent = r
    }

    private func rotateRight(_ p: Entry?) {
        guard let p, let l = p.left else { return }
        p.left = l.right
        l.right?.parent = p
        l.parent = p.parent
        if p.parent == nil { root = l } else if p.parent?.right === p { p.parent?.right = l } else { p.parent?.left = l }
        l.right = p
        p.parent = l
    }
}
