/// Horizontal bars and sparklines drawn with block characters.
enum Bars {
    /// A bar `width` cells wide filled to `fraction` (0…1) in eighths: (filled part, empty part).
    static func horizontal(_ fraction: Double, width: Int, glyphs: Glyphs) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let full = eighths / 8, remainder = eighths % 8
        var filled = String(repeating: glyphs.barEighths[8], count: full)
        var used = full
        if remainder > 0 && used < width {
            filled += glyphs.barEighths[remainder]
            used += 1
        }
        return (filled, String(repeating: glyphs.barEmpty, count: width - used))
    }

    /// The last `width` values as a sparkline scaled to their maximum (all lowest when every value is 0).
    static func sparkline<C: Collection>(_ values: C, width: Int, glyphs: Glyphs) -> String where C.Element == Int64 {
        guard width > 0 else { return "" }
        let shown = Array(values.suffix(width))
        let top = shown.max() ?? 0
        let levels = glyphs.spark.count - 1
        var line = ""
        for value in shown {
            let level = top <= 0 ? 0 : Int((Double(max(0, value)) / Double(top) * Double(levels)).rounded())
            line += glyphs.spark[level]
        }
        return line
    }
}
