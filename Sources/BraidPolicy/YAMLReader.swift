import Foundation
import Yams

/// Collects every problem found while reading inputs, so that all can be reported at once.
public final class Diagnostics: @unchecked Sendable {
    public private(set) var errors: [InputError] = []
    public init() {}
    public func add(_ error: InputError) { errors.append(error) }
    public var isEmpty: Bool { errors.isEmpty }
    /// Runs a reading step; on failure records its error and returns nil, so reading goes on.
    public func attempt<T>(_ body: () throws(InputError) -> T) -> T? {
        do { return try body() } catch {
            add(error)
            return nil
        }
    }

    /// Throws ``InputErrors`` when anything was recorded.
    public func check() throws(InputErrors) { if !errors.isEmpty { throw InputErrors(errors) } }
}

/// Reads a text file, with errors for missing files, folders, size and encoding.
public func readTextFile(_ path: String, limitBytes: Int = 512 << 20) throws(InputError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(file: path, reason: "file not found")
    }
    if isDirectory.boolValue { throw InputError(file: path, reason: "is a folder, expected a file") }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > limitBytes {
        throw InputError(file: path, reason: "is \(size) bytes; the limit for this kind of file is \(limitBytes) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, reason: "cannot be read")
    }
    guard var text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, reason: "is not valid UTF-8 text")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
}

/// A YAML node with the file and key path it came from, for located errors.
public struct YAMLValue {
    public let node: Node
    public let file: String
    public let key: String

    public init(node: Node, file: String, key: String) {
        self.node = node
        self.file = file
        self.key = key
    }

    /// Parses a YAML document. Anchors and aliases are refused (they can expand enormously).
    public static func parse(_ text: String, file: String) throws(InputError) -> YAMLValue {
        if text.contains("\t") {
            let line = text.prefix { $0 != "\t" }.filter { $0 == "\n" }.count + 1
            if text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                throw InputError(file: file, line: line, reason: "tab used for indentation; YAML needs spaces")
            }
        }
        if let line = anchorLine(text) {
            throw InputError(file: file, line: line, reason: "YAML anchors and aliases are not supported (they can expand without bound)")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputError(file: file, reason: "the file is empty")
            }
            let value = YAMLValue(node: node, file: file, key: "")
            try value.refuseAliases()
            return value
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw InputError(file: file, reason: "cannot parse YAML: \(error)")
        }
    }

    private func refuseAliases() throws(InputError) {
        switch node {
        case .alias:
            throw self.error("YAML anchors and aliases are not supported (they can expand without bound)")
        case .scalar(let s):
            if s.anchor != nil { throw self.error("YAML anchors and aliases are not supported") }
        case .mapping(let m):
            if m.anchor != nil { throw self.error("YAML anchors and aliases are not supported") }
            for (k, v) in m { try YAMLValue(node: v, file: file, key: key).refuseAliases(); _ = k }
        case .sequence(let s):
            if s.anchor != nil { throw self.error("YAML anchors and aliases are not supported") }
            for v in s { try YAMLValue(node: v, file: file, key: key).refuseAliases() }
        }
    }

    /// An error located at this node.
    public func error(_ reason: String, key override: String? = nil) -> InputError {
        InputError(file: file, line: node.mark?.line, column: node.mark?.column, key: override ?? key, reason: reason)
    }

    private func child(_ node: Node, _ name: String) -> YAMLValue {
        YAMLValue(node: node, file: file, key: key.isEmpty ? name : "\(key).\(name)")
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
        return seq.enumerated().map { YAMLValue(node: $1, file: file, key: "\(key)[\($0)]") }
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
        guard let n = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw error("expected a number, got \(kind)")
        }
        guard n.isFinite else { throw error("expected a finite number, got \(kind)") }
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

/// The first line that starts a YAML node with an anchor (`&a`) or an alias (`*a`), outside quotes
/// and comments. (Yams keeps anchors only weakly, so they cannot be found on the composed tree.)
func anchorLine(_ text: String) -> Int? {
    var blockIndent: Int? = nil  // inside a block scalar (| or >) opened at this indentation
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let indent = line.prefix { $0 == " " }.count
        if let b = blockIndent {
            if line.allSatisfy({ $0 == " " }) || indent > b { continue }
            blockIndent = nil
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if let last = trimmed.split(separator: " ").last, [">", "|", ">-", "|-", ">+", "|+"].contains(String(last)),
            trimmed.hasSuffix(": " + last) || trimmed.hasPrefix("- ") || trimmed == String(last)
        {
            blockIndent = indent
        }
        var quote: Character? = nil
        var previous: Character = " "
        var nodeStart = true
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                if nodeStart { quote = c }
            } else if c == "#" && (previous == " " || previous == "\t" || nodeStart) {
                break
            } else if (c == "&" || c == "*") && nodeStart {
                return number + 1
            }
            if c == " " || c == "\t" {
                if previous == ":" || previous == "-" || previous == "," || previous == "[" || previous == "{" { nodeStart = true }
            } else if c == "[" || c == "{" || c == "," {
                nodeStart = true
            } else if quote == nil {
                nodeStart = false
            }
            previous = c
        }
    }
    return nil
}

/// Parses a dollar amount: `1200`, `1200.5`, `1,200.50`, `$1,200.50`. Rejects negative,
/// non-finite and sub-cent amounts.
public func parseMoney(_ raw: String) -> Result<Int64, FieldError> {
    var text = raw.trimmedOfWhitespace
    if text.hasPrefix("$") { text.removeFirst() }
    if text.contains(where: { $0 == "," || $0 == "_" }) { text = text.filter { $0 != "," && $0 != "_" } }
    if text.contains(where: \.isLetter), ["inf", "+inf", "-inf", "infinity", ".inf", "-.inf", "+.inf", "nan", ".nan"].contains(text.lowercased()) {
        return .failure(FieldError("must be a finite dollar amount, got '\(raw)'"))
    }
    guard !text.isEmpty, let value = Double(text) else {
        return .failure(FieldError("must be a dollar amount, got '\(raw)'"))
    }
    guard value.isFinite else { return .failure(FieldError("must be a finite dollar amount, got '\(raw)'")) }
    guard value >= 0 else { return .failure(FieldError("must not be negative, got '\(raw)'")) }
    guard value < 1e13 else { return .failure(FieldError("is too large (over $10 trillion), got '\(raw)'")) }
    let cents = (value * 100).rounded()
    guard abs(cents - value * 100) < 1e-6 * max(1, value) else {
        return .failure(FieldError("must be whole cents, got '\(raw)'"))
    }
    return .success(Int64(cents))
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
        u == " " || u == "\t" || (u.value >= 0x80 && (u.value == 0x200B || u.properties.generalCategory == .spaceSeparator))
    }
}
