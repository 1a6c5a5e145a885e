import Foundation

/// A 24-bit colour.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public let red, green, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses "#RRGGBB", "#RGB" or btop's decimal "R G B".
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") {
            let hex = trimmed.dropFirst()
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            if hex.count == 6, let value = UInt32(hex, radix: 16) {
                self.init(UInt8(value >> 16), UInt8((value >> 8) & 0xff), UInt8(value & 0xff))
            } else if hex.count == 3, let value = UInt32(hex, radix: 16) {
                let r = UInt8((value >> 8) & 0xf), g = UInt8((value >> 4) & 0xf), b = UInt8(value & 0xf)
                self.init(r * 17, g * 17, b * 17)
            } else {
                return nil
            }
        } else {
            let parts = trimmed.split(separator: " ").compactMap { UInt8($0) }
            guard parts.count == 3, trimmed.split(separator: " ").count == 3 else { return nil }
            self.init(parts[0], parts[1], parts[2])
        }
    }

    public var description: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Relative brightness from 0 (black) to 1 (white), weighted as the eye sees it.
    public var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    /// Squared distance, weighted towards green as the eye is ("redmean" approximation).
    func distance(to other: RGB) -> Int {
        let meanRed = (Int(red) + Int(other.red)) / 2
        let dr = Int(red) - Int(other.red), dg = Int(green) - Int(other.green), db = Int(blue) - Int(other.blue)
        return ((512 + meanRed) * dr * dr >> 8) + 4 * dg * dg + ((767 - meanRed) * db * db >> 8)
    }
}
