/// Where an offset reset moves a group.
public enum OffsetResetTarget: String, Sendable, Equatable, CaseIterable {
    case earliest, latest
}
