/// The tour's languages.
public enum TourLanguage: String, Sendable, Equatable, CaseIterable {
    case english = "en"
    case korean = "ko"

    public var toggled: TourLanguage { self == .english ? .korean : .english }
}
