/// A reset's preview while it waits for Enter (apply) or Esc (cancel), and how far it is scrolled.
struct GroupResetPreviewState: Equatable {
    let preview: GroupResetPreview
    var scroll = 0
}
