import Foundation
import Yams

/// A YAML node with the file and key path it came from, for located errors. (Yams' `Node`
/// stays inside BraidPolicy: other modules read and edit YAML through this type only.)
public struct YAMLValue {
    let node: Node
    /// The file the value came from (for a what-if merged into its base, the what-if's for what
    /// it changed).
    public let file: String
    public let key: String
    /// Key paths (from the root) whose values came from another file than their parent: a
    /// what-if's changes merged into its base scenario. Values at and under them report that file.
    let origins: [String: String]

    init(node: Node, file: String, key: String, origins: [String: String] = [:]) {
        self.node = node
        self.file = origins[key] ?? file
        self.key = key
        self.origins = origins
    }

    /// Parses a YAML document. Anchors and aliases are refused (they can expand enormously).
    public static func parse(_ text: String, file: String) throws(InputError) -> YAMLValue {
        if text.contains("\t") {
            let line = text.prefix { $0 != "\t" }.filter { $0 == "\n" }.count + 1
            if text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1].prefix(while: {
                $0 == " " || $0 == "\t"
            }).contains("\t") {
                throw InputError(file: file, line: line, reason: "tab used for indentation; YAML needs spaces")
            }
        }
        do {
            // The parser holds the anchors, which the nodes reference only weakly: while it lives,
            // an anchored node (and so every alias of it, which is the same node) shows its anchor.
            let parser = try Yams.Parser(yaml: text)
            guard let node = try parser.singleRoot() else {
                throw InputError(file: file, reason: "the file is empty")
            }
            let value = YAMLValue(node: node, file: file, key: "")
            var budget = maximumNodes
            try withExtendedLifetime(parser) { () throws(InputError) in try value.refuseAliases(&budget) }
            return value
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw InputError(file: file, reason: "cannot parse YAML: \(error)")
        }
    }

    /// The most nodes a document may have: a second bound, after the anchor check, on any walk
    /// of a composed tree (an alias is composed as a shared node, and a walk visits every copy).
    static let maximumNodes = 2_000_000

    static let noAnchors = "YAML anchors and aliases are not supported (they can expand without bound)"

    /// A character no text of a scenario, what-if or policy file may hold (CWE-150): a control
    /// character other than tab and line breaks (an escape sequence would reach the terminal),
    /// or a bidirectional override or isolate (it reorders what a table, CSV or page shows).
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private func refuseAliases(_ budget: inout Int) throws(InputError) {
        budget -= 1
        guard budget >= 0 else {
            throw self.error(
                "the document has more than \(Self.maximumNodes) nodes (YAML aliases expanding without bound?)")
        }
        switch node {
        case .alias:
            throw self.error(Self.noAnchors)
        case .scalar(let s):
            if s.anchor != nil { throw self.error(Self.noAnchors) }
            if let hidden = s.string.unicodeScalars.first(where: Self.isUnsafe) {
                throw self.error(
                    "the text holds a control or direction-override character (U+\(String(hidden.value, radix: 16, uppercase: true))), which could rewrite a terminal or reorder what a report shows: remove it"
                )
            }
        case .mapping(let m):
            if m.anchor != nil { throw self.error(Self.noAnchors) }
            for (k, v) in m {
                try YAMLValue(node: k, file: file, key: key).refuseAliases(&budget)
                try YAMLValue(node: v, file: file, key: key).refuseAliases(&budget)
            }
        case .sequence(let s):
            if s.anchor != nil { throw self.error(Self.noAnchors) }
            for v in s { try YAMLValue(node: v, file: file, key: key).refuseAliases(&budget) }
        }
    }

    /// The 1-based line the value starts on, if known.
    public var line: Int? { node.mark?.line }

    /// Whether the value is a mapping.
    public var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// An empty mapping located at `file` and `key` (for a key given with no value).
    public static func emptyMapping(file: String, key: String) -> YAMLValue {
        YAMLValue(node: .mapping(Node.Mapping([])), file: file, key: key)
    }

    /// This mapping with `name` set to `value` (in place when present, appended otherwise) or,
    /// when `value` is nil, removed. A value that is not a mapping is returned unchanged.
    ///
    /// A value from another file (a what-if's change) keeps reporting that file, line and column.
    public func setting(_ name: String, to value: YAMLValue?) -> YAMLValue {
        guard case .mapping(var mapping) = node else { return self }
        mapping[name] = value?.node
        var origins = self.origins
        let path = key.isEmpty ? name : "\(key).\(name)"
        origins = origins.filter { !($0.key == path || $0.key.hasPrefix(path + ".") || $0.key.hasPrefix(path + "[")) }
        if let value {
            origins.merge(value.origins) { _, new in new }
            if value.file != file { origins[path] = value.file }
        }
        return YAMLValue(node: .mapping(mapping), file: file, key: key, origins: origins)
    }

    /// This list without the items whose text `drop` selects (items that are not text stay). A
    /// value that is not a list is returned unchanged.
    public func removingItems(where drop: (String) -> Bool) -> YAMLValue {
        guard case .sequence(let sequence) = node else { return self }
        return YAMLValue(
            node: .sequence(Node.Sequence(sequence.filter { !drop($0.string ?? "") })), file: file, key: key,
            origins: origins)
    }

    /// The keys of a mapping in file order (none for other values).
    public var keys: [String] {
        guard case .mapping(let mapping) = node else { return [] }
        return mapping.compactMap { $0.key.string }
    }

    /// Whether a mapping has no entries (false for other values).
    public var isEmptyMapping: Bool {
        guard case .mapping(let mapping) = node else { return false }
        return mapping.isEmpty
    }

    /// What the value is, for messages ("a list", "'text'", "an empty value").
    public var kindDescription: String { kind }

    /// An error located at this node.
    public func error(_ reason: String, key override: String? = nil) -> InputError {
        InputError(file: file, line: node.mark?.line, column: node.mark?.column, key: override ?? key, reason: reason)
    }

    private func child(_ node: Node, _ name: String) -> YAMLValue {
        YAMLValue(node: node, file: file, key: key.isEmpty ? name : "\(key).\(name)", origins: origins)
    }

    /// The entries of a mapping in file order.
    public func entries() throws(InputError) -> [(String, YAMLValue)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value), got \(kind)") }
        var out: [(String, YAMLValue)] = []
        for (k, v) in mapping {
            guard case .scalar(let s) = k else { throw error("mapping keys must be plain text") }
            out.append((s.string, child(v, s.string)))
        }
        return out
    }

    /// The items of a sequence.
    public func items() throws(InputError) -> [YAMLValue] {
        guard case .sequence(let seq) = node else { throw error("expected a list, got \(kind)") }
        return seq.enumerated().map { YAMLValue(node: $1, file: file, key: "\(key)[\($0)]", origins: origins) }
    }

    /// The value of a key in a mapping, or nil.
    public subscript(_ name: String) -> YAMLValue? {
        guard case .mapping(let mapping) = node, let v = mapping[name] else { return nil }
        return child(v, name)
    }

    /// Records an error for each key not in `allowed` (with a suggestion).
    public func checkKeys(_ allowed: [String], _ diagnostics: Diagnostics) {
        guard let entries = try? entries() else { return }
        for (name, value) in entries where !allowed.contains(name) {
            diagnostics.add(
                InputError(
                    file: file, line: value.node.mark?.line ?? node.mark?.line, column: nil,
                    key: key.isEmpty ? name : "\(key).\(name)",
                    reason: "unknown key '\(name)'" + suggestion(for: name, in: allowed)))
        }
    }

    var kind: String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Whether the value is YAML null (`~`, `null` or empty).
    public var isNull: Bool {
        if case .scalar(let s) = node {
            return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
        }
        return false
    }

    /// The text of a scalar.
    public func string() throws(InputError) -> String {
        guard case .scalar(let s) = node else { throw error("expected text, got \(kind)") }
        return s.string
    }

    /// The column offset of character 0 of the scalar's text (quoted scalars start after the quote).
    public var textColumn: Int? {
        guard case .scalar(let s) = node, let mark = s.mark else { return nil }
        return mark.column + (s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0)
    }

    /// A finite number.
    public func number() throws(InputError) -> Double {
        let text = try string().replacingOccurrences(of: "_", with: "")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let n = DecimalText.number(trimmed) else {
            let looks = Double(trimmed) != nil
            throw error(looks ? "expected a finite decimal number, got '\(trimmed)'" : "expected a number, got \(kind)")
        }
        return n
    }

    /// A non-negative dollar amount with at most two decimals, in cents.
    public func cents() throws(InputError) -> Int64 {
        let raw = try string().trimmingCharacters(in: .whitespaces)
        switch parseMoney(raw) {
        case .success(let c): return c
        case .failure(let f): throw error(f.reason)
        }
    }

    /// true/false (also yes/no).
    public func bool() throws(InputError) -> Bool {
        guard let b = parseBool(try string()) else { throw error("expected true or false, got \(kind)") }
        return b
    }

    /// A date `YYYY-MM-DD`.
    public func day() throws(InputError) -> Day {
        guard let d = Day(try string()) else { throw error("expected a date YYYY-MM-DD, got \(kind)") }
        return d
    }

    /// A list of text values (a YAML list, or a single scalar).
    public func strings() throws(InputError) -> [String] {
        if case .scalar = node { return [try string()] }
        var out: [String] = []
        for item in try items() { out.append(try item.string()) }
        return out
    }
}

private func yamlError(_ error: YamlError, file: String) -> InputError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
        .composer(_, let problem, let mark, _):
        return InputError(file: file, line: mark.line, column: mark.column, reason: "malformed YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
        return InputError(
            file: file, line: context.mark.line, column: context.mark.column,
            reason: "duplicate key " + duplicates.map { "'\($0)'" }.joined(separator: ", "))
    case .reader(let problem, _, _, _):
        return InputError(file: file, reason: "cannot read YAML: \(problem)")
    default:
        return InputError(file: file, reason: "malformed YAML: \(error)")
    }
}

extension String {
    /// The string without leading and trailing whitespace — exactly
    /// `trimmingCharacters(in: .whitespaces)` (tab and Unicode category Zs), without Foundation's
    /// bridging, which was 40% of loading a 100,000-row roster.
    public var trimmedOfWhitespace: String {
        // (Most cells begin and end with a visible ASCII character: nothing to trim, and no
        // scalar to decode. ASCII's only trimmed characters are the space and the tab.)
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        if first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return self }
        let scalars = unicodeScalars
        let isSpace = String.isTrimmedSpace
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }

    /// Membership in Foundation's `CharacterSet.whitespaces` on Linux: tab, the Unicode space
    /// separators (Zs) and U+200B ZERO WIDTH SPACE (checked for every scalar by a test).
    static func isTrimmedSpace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t"
            || (u.value >= 0x80 && (u.value == 0x200B || u.properties.generalCategory == .spaceSeparator))
    }
}
