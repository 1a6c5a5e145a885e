/// A modal layer over the panes; it gets every key until closed.
enum Overlay: Equatable {
    case help(scroll: Int)
    case log(scroll: Int)
    case menu([MenuLevel])
    case form(FormState)
    case confirm(ConfirmState)
    // dumplog: a partition's segment files and one segment's batches.
    case segments(SegmentsView)
}
