import BraidScenario
import Foundation

/// The folder `braid serve` was opened on: the scenarios in it, and the only place the workbench
/// reads or writes (docs/WORKBENCH.md, "Safety").
public struct WorkFolder: Sendable {
    /// A scenario the workbench can open: its id in URLs (the folder's name), the path of its
    /// folder (or file) and its scenario file.
    public struct Entry: Sendable, Equatable {
        public let id: String
        public let path: String
        public let file: String

        /// The scenario's folder (the opened folder when the scenario is a single file).
        public var folder: String { path == file ? (file as NSString).deletingLastPathComponent : path }

        /// Where rosters uploaded in the workbench are kept: `rosters/` in the scenario's folder.
        public var rosterFolder: String { (folder as NSString).appendingPathComponent(WorkFolder.rosterFolderName) }

        /// The rosters kept for the scenario (file names in ``rosterFolder``, sorted).
        public var rosters: [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: rosterFolder)) ?? []
            return names.filter { name in
                !name.hasPrefix(".") && ["csv", "xlsx"].contains((name as NSString).pathExtension.lowercased())
            }.sorted()
        }
    }

    /// The folder, inside a scenario's, of the rosters kept from the workbench.
    public static let rosterFolderName = "rosters"

    /// The folder, with symbolic links resolved.
    public let root: String
    public let entries: [Entry]

    /// Opens a scenario (its folder or YAML file) or a folder of scenario folders.
    public init(opening path: String) throws(WorkbenchError) {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw WorkbenchError("\(path): no such file or folder")
        }
        if !isDirectory.boolValue {
            root = (resolved as NSString).deletingLastPathComponent
            entries = [Entry(id: Self.id(of: root), path: resolved, file: resolved)]
            return
        }
        root = resolved
        let own = (resolved as NSString).appendingPathComponent("scenario.yaml")
        if FileManager.default.fileExists(atPath: own) {
            entries = [Entry(id: Self.id(of: resolved), path: resolved, file: own)]
            return
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: resolved)) ?? []
        entries = names.sorted().compactMap { name in
            guard !name.hasPrefix(".") else { return nil }
            let folder = (resolved as NSString).appendingPathComponent(name)
            let file = (folder as NSString).appendingPathComponent("scenario.yaml")
            return FileManager.default.fileExists(atPath: file) ? Entry(id: name, path: folder, file: file) : nil
        }
        guard !entries.isEmpty else {
            throw WorkbenchError("\(path): no scenario.yaml in it or in any folder directly inside it")
        }
    }

    static func id(of folder: String) -> String { (folder as NSString).lastPathComponent }

    public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }

    /// Whether `path` lies inside the folder (after resolving links and `..`).
    public func contains(_ path: String) -> Bool {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The workbench's own files (run history, uploads): `.braid/` in the folder.
    public var dataFolder: String { (root as NSString).appendingPathComponent(".braid") }

    /// A name as a file name: lower-case letters, digits and single hyphens (nil when nothing is left).
    public static func slug(_ name: String) -> String? {
        var out = ""
        for c in name.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? nil : String(out.prefix(60))
    }

    /// Where a what-if saved for `entry` goes: `what-if/NAME.yaml` in the scenario's folder, with
    /// `base: ..` (so `braid compare` runs it unchanged from anywhere).
    public func whatIfPath(_ entry: Entry, slug: String) -> String {
        ((entry.folder as NSString).appendingPathComponent("what-if") as NSString).appendingPathComponent(
            slug + ".yaml")
    }

    /// The `base:` a what-if in ``whatIfPath(_:slug:)`` names.
    public func base(of entry: Entry) -> String {
        entry.path == entry.file ? "../" + (entry.file as NSString).lastPathComponent : ".."
    }
}

/// A problem the workbench reports to its user (a page's message, or `braid serve`'s error).
public struct WorkbenchError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
