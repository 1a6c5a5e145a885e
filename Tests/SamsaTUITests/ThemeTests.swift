import Foundation
import Testing
@testable import SamsaTUI

@Suite struct ThemeTests {
    @Test func parsesCommentsColorsAndFillsMissingKeysFromTheDefault() {
        let text = """
            # a comment
            theme[main_bg]="#101010"

              theme[leader] = "#0F0"
            theme[title]="255 128 0"
            """
        let result = ThemeParser.parse(text, name: "mine")
        #expect(result.problems.isEmpty)
        #expect(result.theme[.mainBg] == RGB(16, 16, 16))
        #expect(result.theme[.leader] == RGB(0, 255, 0))
        #expect(result.theme[.title] == RGB(255, 128, 0))
        #expect(result.theme[.follower] == Theme.fallback[.follower])
        #expect(result.theme.colors.count == ThemeKey.allCases.count)
    }

    @Test func reportsBadLinesInOneSentenceEach() {
        let text = """
            theme[main_bg]="#10101"
            nonsense here
            theme[sparkles]="#ffffff"
            theme[main_fg]="#eeeeee"
            """
        let result = ThemeParser.parse(text, name: "broken")
        #expect(result.problems.count == 3)
        #expect(result.problems[0] == "broken.theme line 1: '#10101' for main_bg is not a colour like \"#RRGGBB\"; using the default.")
        #expect(result.problems[1].hasPrefix("broken.theme line 2: expected theme[key]=\"#RRGGBB\""))
        #expect(result.problems[2] == "broken.theme line 3: unknown key 'sparkles' is ignored.")
        #expect(result.theme[.mainBg] == Theme.fallback[.mainBg])
        #expect(result.theme[.mainFg] == RGB(0xee, 0xee, 0xee))
    }

    @Test func shippedThemesParseCleanlyAndDefineEveryKey() throws {
        for name in BuiltinThemes.names {
            let text = try #require(BuiltinThemes.text(named: name))
            let result = ThemeParser.parse(text, name: name)
            #expect(result.problems.isEmpty, "\(name): \(result.problems)")
            let defined = Set(text.split(separator: "\n").compactMap { line -> ThemeKey? in
                if case .color(let key, _)? = ThemeParser.classify(String(line)) { return key }
                return nil
            })
            #expect(defined == Set(ThemeKey.allCases), "\(name) leaves out \(Set(ThemeKey.allCases).subtracting(defined))")
        }
    }

    @Test func shippedFilesMatchTheCompiledInCopies() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized
        for name in BuiltinThemes.names {
            let file = try String(contentsOf: themes.appendingPathComponent(name + ".theme"), encoding: .utf8)
            #expect(file == BuiltinThemes.text(named: name), "themes/\(name).theme differs from BuiltinThemes")
        }
    }

    @Test func userThemesWinOverShippedOnesAndBuiltinsAreTheFallback() throws {
        let root = NSTemporaryDirectory() + "samsa-themes-\(UUID().uuidString)"
        let user = root + "/user", shipped = root + "/shipped"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in [user, shipped] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try "theme[main_bg]=\"#010203\"\n".write(toFile: user + "/light.theme", atomically: true, encoding: .utf8)
        try "theme[main_bg]=\"#040506\"\n".write(toFile: shipped + "/light.theme", atomically: true, encoding: .utf8)
        try "theme[main_bg]=\"#070809\"\n".write(toFile: shipped + "/ocean.theme", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(directories: [user, shipped])
        #expect(try catalog.load("light").theme[.mainBg] == RGB(1, 2, 3))
        #expect(try catalog.load("ocean").theme[.mainBg] == RGB(7, 8, 9))
        #expect(try catalog.load("monochrome").origin == "built in")
        #expect(catalog.availableNames() == ["default", "light", "high-contrast", "monochrome", "ocean"])
        #expect(throws: WorkbenchError.self) { try catalog.load("nope") }
        #expect(try catalog.load(shipped + "/ocean.theme").theme.name == "ocean")
    }

    @Test func standardSearchPathPutsTheUserDirectoryFirst() {
        let catalog = ThemeCatalog.standard(environment: ["HOME": "/home/kafka"], executablePath: nil)
        #expect(catalog.directories.first == "/home/kafka/.config/samsa/themes")
        let xdg = ThemeCatalog.standard(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"], executablePath: nil)
        #expect(xdg.directories.first == "/cfg/samsa/themes")
    }
}

@Suite struct ColorDegradationTests {
    @Test func nearest256UsesTheCubeAndTheGreyRamp() {
        #expect(Palette.nearest256(RGB(255, 0, 0)) == 196)
        #expect(Palette.nearest256(RGB(0, 0, 0)) == 16)
        #expect(Palette.nearest256(RGB(255, 255, 255)) == 231)
        #expect(Palette.nearest256(RGB(0x80, 0x80, 0x80)) == 244)  // grey ramp: 8 + 10 × 12 = 128
        #expect(Palette.nearest256(RGB(0x5f, 0x87, 0xaf)) == 67)
    }

    @Test func nearest8MapsHuesAndGreys() {
        #expect(Palette.nearest8(RGB(0xbf, 0x61, 0x6a)) == 1)  // muted red
        #expect(Palette.nearest8(RGB(0xa3, 0xbe, 0x8c)) == 2)  // sage green
        #expect(Palette.nearest8(RGB(0x1b, 0x1d, 0x23)) == 0)  // near-black background
        #expect(Palette.nearest8(RGB(0xd8, 0xde, 0xe9)) == 7)  // light grey text
        #expect(Palette.nearest8(RGB(0x4c, 0x56, 0x6a)) == 0)  // dark grey border
    }

    @Test func eightColoursNeverDrawTextInItsBackgroundColour() throws {
        let palette = Palette(theme: .fallback, mode: .eight)
        // The dark border maps to black, like the background: it must switch to the contrasting colour.
        let colors = try #require(palette.colors(for: Style(.border)))
        #expect(colors.foreground != colors.background)
        // The selected row's background is also black in 8 colours, so selection is reversed instead.
        #expect(palette.attributes(for: .selected).contains(.reverse))
        #expect(!Palette(theme: .fallback, mode: .ansi256).attributes(for: .selected).contains(.reverse))
    }

    @Test func withoutColoursMeaningIsCarriedByAttributes() {
        let palette = Palette(theme: .fallback, mode: .none)
        #expect(palette.colors(for: .plain) == nil)
        #expect(palette.attributes(for: .selected).contains(.reverse))
        #expect(palette.attributes(for: Style(.leader)).contains(.bold))
        #expect(palette.attributes(for: Style(.offline)).contains(.dim))
        #expect(palette.attributes(for: Style(.outOfSync)).contains(.underline))
        #expect(palette.attributes(for: Style(.error)).contains(.bold))
    }

    @Test func detectionHonoursNoColorAndTerminalCapabilities() {
        #expect(ColorMode.detect(terminalColors: 256, hasColors: true, environment: [:]) == .ansi256)
        #expect(ColorMode.detect(terminalColors: 8, hasColors: true, environment: [:]) == .eight)
        #expect(ColorMode.detect(terminalColors: 0, hasColors: false, environment: [:]) == .none)
        #expect(ColorMode.detect(terminalColors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorMode.detect(terminalColors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .ansi256)
        #expect(ColorMode(argument: "256") == .ansi256)
        #expect(ColorMode(argument: "none") == ColorMode.none)
        #expect(ColorMode(argument: "lots") == nil)
    }
}
