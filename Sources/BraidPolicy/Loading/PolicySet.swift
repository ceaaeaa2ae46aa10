import Foundation

/// Every shipped (or amended) policy: the streams, the shared definitions and parameters, and
/// the poverty guidelines. Load it with ``PolicySet/load(directory:)``.
public struct PolicySet: Sendable {
    /// Streams in file-name order.
    public internal(set) var streams: [StreamPolicy]
    public let definitions: [Definition]
    /// Every parameter (shared first), indexed by slot.
    public let parameters: [Parameter]
    public let poverty: PovertyGuidelines
    /// The folder the policies came from.
    public let directory: String
    /// Name scope per stream id (for compiling scenario rules and rule replacements).
    let scopes: [String: NameScope]
    let definitionReads: [Int: ExpressionReads]

    /// The stream of an id.
    public func stream(_ id: String) -> StreamPolicy? { streams.first { $0.id == id } }
    /// The stream ids.
    public var streamIDs: [String] { streams.map(\.id) }

    /// Compiles an expression in a stream's scope (or the shared scope when `stream` is nil).
    public func compile(_ source: String, stream: String?, expecting type: ValueType?) throws(ExpressionError)
        -> CompiledExpression
    {
        let scope = stream.flatMap { scopes[$0] } ?? scopes[""]!
        return try Compiler(scope: scope, definitionReads: definitionReads)
            .compile(source, expecting: type)
    }

    /// The environment for a period and state, with parameter overrides applied.
    public func environment(period: Period, state: String, overrides: [Int: Value] = [:]) -> PolicyEnvironment {
        var values = parameters.map { $0.value(on: period.start) }
        for (slot, value) in overrides { values[slot] = value }
        return PolicyEnvironment(
            period: period, state: state, parameterValues: values, parameterKeys: parameters.map(\.key),
            definitions: definitions.map(\.expression), poverty: poverty.table(for: period.start))
    }

    /// Why the policies cannot decide a period: no poverty-guideline table in force on its
    /// start, or a parameter of a used stream (or a shared one) with no value for it (before
    /// its first dated value, or after its `until`), unless a scenario set it. Empty when all
    /// is well. A refusal, never a silent fallback to another year's figures.
    public func valueProblems(period: Period, streams: [String], overrides: Set<Int> = []) -> [String] {
        var problems: [String] = []
        if poverty.table(for: period.start) == nil, let first = poverty.years.min(by: { $0.start < $1.start }) {
            problems.append(
                "the period starts \(period.start), before the earliest HHS poverty-guideline table in the policies "
                    + "(\(first.year), in force from \(first.start)); add that year's table to poverty-guidelines.yaml")
        }
        for p in parameters where (p.stream == nil || streams.contains(p.stream!)) && !overrides.contains(p.slot) {
            guard let first = p.values.first else { continue }
            if period.start < first.since && !p.blankBeforeFirst {
                problems.append(
                    "\(p.key) has no value for a period starting \(period.start) (its values start \(first.since)); "
                        + "add the value in force then, or set it with --set \(p.key)=VALUE")
            }
            if let until = p.until, period.start > until {
                problems.append(
                    "\(p.key) is known only through \(until) (the newest value, \(p.values.last!.since)); the period starts "
                        + "\(period.start): add the value in force then, or set it with --set \(p.key)=VALUE")
            }
        }
        return problems
    }

    /// Loads every `*.yaml` stream file of a folder plus `definitions.yaml` and
    /// `poverty-guidelines.yaml`.
    /// - Throws: ``InputErrors`` listing every problem, each with file, line and column.
    public static func load(directory: String) throws(InputErrors) -> PolicySet {
        let diagnostics = Diagnostics()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputError(file: directory, reason: "policy folder not found")])
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        func read(_ name: String) -> YAMLValue? {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                return try YAMLValue.parse(try readTextFile(path, limitBytes: 16 << 20), file: path)
            } catch {
                diagnostics.add(error)
                return nil
            }
        }
        var loader = Loader(diagnostics: diagnostics)
        // Shared parameters and definitions first: stream rules may use them.
        var definitionsNode: YAMLValue? = nil
        if files.contains("definitions.yaml") { definitionsNode = read("definitions.yaml") }
        if let node = definitionsNode {
            node.checkKeys(["definitions", "parameters", "note", "references"], diagnostics)
            if let params = node["parameters"] { loader.parameters(params, stream: nil) }
        }
        var sharedScope = NameScope.base()
        for p in loader.allParameters { sharedScope.names[p.name] = (p.unit.type, .parameter(p.slot)) }
        var reads: [Int: ExpressionReads] = [:]
        let definitions =
            definitionsNode?["definitions"].map {
                loader.definitions($0, scope: &sharedScope, reads: &reads)
            } ?? []
        // Poverty guidelines.
        var poverty = PovertyGuidelines(
            years: [], citation: Citation(text: "", status: .law, note: nil, references: []))
        if files.contains("poverty-guidelines.yaml"), let node = read("poverty-guidelines.yaml") {
            poverty = loader.poverty(node) ?? poverty
        } else if !files.contains("poverty-guidelines.yaml") {
            diagnostics.add(
                InputError(
                    file: (directory as NSString).appendingPathComponent("poverty-guidelines.yaml"),
                    reason: "file not found"))
        }
        // Streams.
        var streams: [StreamPolicy] = []
        var scopes: [String: NameScope] = ["": sharedScope]
        for file in files where file != "definitions.yaml" && file != "poverty-guidelines.yaml" {
            guard let node = read(file) else { continue }
            let id = String(file.dropLast(5))
            if let stream = loader.stream(
                node, id: id, sharedScope: sharedScope, reads: reads, scopes: &scopes)
            {
                streams.append(stream)
            }
        }
        // Orderings must name loaded streams.
        let ids = files.filter { $0 != "definitions.yaml" && $0 != "poverty-guidelines.yaml" }.map {
            String($0.dropLast(5))
        }
        for stream in streams {
            for rule in stream.ordering {
                for other in rule.after where !ids.contains(other) {
                    diagnostics.add(
                        InputError(
                            file: stream.file, key: "ordering.\(rule.id).after",
                            reason: "unknown stream '\(other)'" + suggestion(for: other, in: ids)))
                }
            }
        }
        try diagnostics.check()
        return PolicySet(
            streams: streams, definitions: definitions, parameters: loader.allParameters, poverty: poverty,
            directory: directory, scopes: scopes, definitionReads: reads)
    }
}
