import Foundation

/// Finds themes by name: the user's directory (~/.config/samsa/themes, or $XDG_CONFIG_HOME/samsa/themes)
/// first, then the shipped `themes/` directory (beside the executable, in ../share/samsa/themes, or in
/// the package checkout the executable was built in, or the current directory), then the compiled-in
/// copies of the shipped themes, so the binary works anywhere.
public struct ThemeCatalog: Sendable {
    /// Directories searched in order.
    public let directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path for this process.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                executablePath: String? = Bundle.main.executablePath) -> ThemeCatalog {
        var directories: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directories.append(xdg + "/samsa/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/samsa/themes")
        }
        if let executablePath {
            let resolved = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            var directory = resolved.deletingLastPathComponent()
            directories.append(directory.appendingPathComponent("themes").path)
            directories.append(directory.appendingPathComponent("../share/samsa/themes").standardized.path)
            // Built in a checkout: .build/<triple>/debug/samsa sits three levels below the package.
            for _ in 0..<5 {
                directory = directory.deletingLastPathComponent()
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    directories.append(directory.appendingPathComponent("themes").path)
                    break
                }
            }
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        var seen = Set<String>()
        return ThemeCatalog(directories: directories.filter { seen.insert($0).inserted })
    }

    /// A loaded theme, the problems found in its file, and where it came from.
    public struct Loaded: Sendable {
        public let theme: Theme
        public let problems: [String]
        public let origin: String
    }

    /// Loads `nameOrPath`: a path (containing "/" or ending in ".theme") is read directly; a name is looked
    /// up in the directories, then among the compiled-in themes.
    public func load(_ nameOrPath: String) throws -> Loaded {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            let name = URL(fileURLWithPath: nameOrPath).deletingPathExtension().lastPathComponent
            guard let text = try? String(contentsOfFile: nameOrPath, encoding: .utf8) else {
                throw WorkbenchError("The theme file \(nameOrPath) cannot be read.")
            }
            let result = ThemeParser.parse(text, name: name)
            return Loaded(theme: result.theme, problems: result.problems, origin: nameOrPath)
        }
        for directory in directories {
            let path = directory + "/" + nameOrPath + ".theme"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let result = ThemeParser.parse(text, name: nameOrPath)
                return Loaded(theme: result.theme, problems: result.problems, origin: path)
            }
        }
        if let text = BuiltinThemes.text(named: nameOrPath) {
            let result = ThemeParser.parse(text, name: nameOrPath)
            return Loaded(theme: result.theme, problems: result.problems, origin: "built in")
        }
        throw WorkbenchError("There is no theme named '\(nameOrPath)'; available: \(availableNames().joined(separator: ", ")).")
    }

    /// Every theme name that can be loaded: the shipped ones first, in their usual order, then the others
    /// alphabetically.
    public func availableNames() -> [String] {
        var names = Set(BuiltinThemes.names)
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        let extra = names.subtracting(BuiltinThemes.names).sorted()
        return BuiltinThemes.names + extra
    }
}
