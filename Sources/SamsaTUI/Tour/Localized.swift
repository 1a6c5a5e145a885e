/// Text in both tour languages.
struct Localized: Equatable {
    let en: String
    let ko: String

    subscript(language: TourLanguage) -> String { language == .english ? en : ko }
}
