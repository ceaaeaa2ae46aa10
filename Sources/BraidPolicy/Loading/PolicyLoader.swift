import Foundation

/// Reads the parts of policy files, recording problems.
struct Loader {
    let diagnostics: Diagnostics
    var allParameters: [Parameter] = []

    init(diagnostics: Diagnostics) { self.diagnostics = diagnostics }

    func attempt<T>(_ body: () throws(InputError) -> T) -> T? { diagnostics.attempt(body) }

    func text(_ node: YAMLValue?) -> String? {
        node.flatMap { n in attempt { () throws(InputError) in try n.string() } }
    }

    func references(_ node: YAMLValue?) -> [Reference] {
        guard let node else { return [] }
        return attempt { () throws(InputError) in
            try node.items().map { item throws(InputError) in
                item.checkKeys(["title", "href"], diagnostics)
                guard let title = item["title"], let href = item["href"] else {
                    throw item.error("a reference needs title and href")
                }
                return Reference(title: try title.string(), href: try href.string())
            }
        } ?? []
    }

    /// citation + status (+ note, references). Every status but `assumption` needs the
    /// citation that supports it (`regulation` a CFR cite, `law` a statute); an assumption
    /// needs a note that says what is assumed.
    func citation(_ node: YAMLValue) -> Citation? {
        let statuses = FactStatus.allCases.map(\.rawValue)
        guard let statusNode = node["status"] else {
            diagnostics.add(node.error("missing 'status' (\(statuses.joined(separator: ", ")))"))
            return nil
        }
        guard let raw = text(statusNode) else { return nil }
        guard let status = FactStatus(rawValue: raw) else {
            let hint =
                FactStatus.retired[raw].map { " ('\(raw)' is retired: use \($0))" }
                ?? suggestion(for: raw, in: statuses)
            diagnostics.add(
                statusNode.error("unknown status '\(raw)'\(hint); statuses: \(statuses.joined(separator: ", "))"))
            return nil
        }
        let cite = node["citation"].flatMap { text($0) } ?? ""
        let note = node["note"].flatMap { text($0) }
        if cite.isEmpty && status != .assumption {
            diagnostics.add(node.error("missing 'citation' (required for status \(status.rawValue))"))
            return nil
        }
        if status == .regulation && !cite.contains("CFR") {
            diagnostics.add(node.error("status regulation needs a CFR citation, got '\(cite)'"))
        }
        if status == .law
            && !["USC", "U.S.C.", "sec.", "P.L.", "Pub. L.", "Act"].contains(where: { cite.contains($0) })
        {
            diagnostics.add(
                node.error("status law needs a statute in its citation (USC, an Act's sec., P.L.), got '\(cite)'"))
        }
        if status == .assumption && (note ?? "").isEmpty {
            diagnostics.add(node.error("status assumption needs a 'note' saying what is assumed"))
        }
        return Citation(text: cite, status: status, note: note, references: references(node["references"]))
    }

    func expression(_ node: YAMLValue?, _ compiler: Compiler, expecting type: ValueType?, what: String)
        -> CompiledExpression?
    {
        guard let node else { return nil }
        guard let source = text(node) else { return nil }
        do {
            return try compiler.compile(source, expecting: type)
        } catch {
            let column = node.textColumn.map { $0 + error.offset }
            diagnostics.add(
                InputError(
                    file: node.file, line: node.node.mark?.line, column: column, key: node.key, reason: error.reason))
            return nil
        }
    }

    func categories(_ node: YAMLValue?) -> [CostCategory]? {
        guard let node, let names = attempt({ () throws(InputError) in try node.strings() }) else { return nil }
        var out: [CostCategory] = []
        for name in names {
            guard let c = CostCategory(rawValue: name) else {
                diagnostics.add(
                    node.error(
                        "unknown cost category '\(name)'"
                            + suggestion(for: name, in: CostCategory.allCases.map(\.rawValue))))
                return nil
            }
            out.append(c)
        }
        return out
    }

    mutating func parameters(_ node: YAMLValue, stream: String?) {
        for (name, value) in (try? node.entries()) ?? [] {
            value.checkKeys(
                [
                    "description", "unit", "status", "citation", "references", "note", "min", "max", "values",
                    "allowed", "until", "before_first",
                ],
                diagnostics)
            guard let citation = citation(value) else { continue }
            guard let unitNode = value["unit"], let unitText = text(unitNode) else {
                diagnostics.add(value.error("missing 'unit'"))
                continue
            }
            guard let unit = ParameterUnit(rawValue: unitText) else {
                diagnostics.add(
                    unitNode.error(
                        "unknown unit '\(unitText)'"
                            + suggestion(for: unitText, in: ParameterUnit.allCases.map(\.rawValue))))
                continue
            }
            let minimum = value["min"].flatMap { n in attempt { () throws(InputError) in try n.number() } }
            let maximum = value["max"].flatMap { n in attempt { () throws(InputError) in try n.number() } }
            guard let dated = datedValues(value, unit: unit, minimum: minimum, maximum: maximum) else { continue }
            var allowed: [Value] = []
            if let a = value["allowed"], let items = attempt({ () throws(InputError) in try a.items() }) {
                for item in items {
                    if let v = attempt({ () throws(InputError) in try parameterValue(item, unit: unit) }) {
                        allowed.append(v)
                    }
                }
                for (_, v) in dated where v != .missing && !allowed.contains(v) {
                    diagnostics.add(
                        a.error(
                            "value \(v) is not among the allowed values \(allowed.map(\.description).joined(separator: ", "))"
                        ))
                }
            }
            let until = value["until"].flatMap { n in attempt { () throws(InputError) in try n.day() } }
            var blankBeforeFirst = false
            if let b = value["before_first"], let t = text(b) {
                if t == "blank" {
                    blankBeforeFirst = true
                } else if t != "refuse" {
                    diagnostics.add(b.error("before_first must be refuse or blank, got '\(t)'"))
                }
            }
            allParameters.append(
                Parameter(
                    name: name, stream: stream, description: text(value["description"]) ?? "", unit: unit,
                    citation: citation,
                    minimum: minimum, maximum: maximum, values: dated, allowed: allowed, until: until,
                    blankBeforeFirst: blankBeforeFirst, slot: allParameters.count, file: value.file,
                    line: value.line))
        }
    }

    /// A parameter's dated values (`values:`), in date order, each checked against its range.
    private func datedValues(_ value: YAMLValue, unit: ParameterUnit, minimum: Double?, maximum: Double?) -> [(
        since: Day, value: Value
    )]? {
        var dated: [(since: Day, value: Value)] = []
        guard let valuesNode = value["values"],
            let entries = attempt({ () throws(InputError) in try valuesNode.entries() }),
            !entries.isEmpty
        else {
            diagnostics.add(value.error("missing 'values' (dated values, e.g. 2026-07-01: 5000)"))
            return nil
        }
        for (date, v) in entries {
            guard let day = Day(date) else {
                diagnostics.add(v.error("'\(date)' is not a date YYYY-MM-DD"))
                continue
            }
            if v.isNull {
                dated.append((day, .missing))
                continue
            }
            guard let parsed = attempt({ () throws(InputError) in try parameterValue(v, unit: unit) }) else {
                continue
            }
            if let n = parsed.number, (minimum.map { n < $0 } ?? false) || (maximum.map { n > $0 } ?? false) {
                diagnostics.add(
                    v.error(
                        "value \(formatNumber(n)) is outside \(minimum.map(formatNumber) ?? "-∞")…\(maximum.map(formatNumber) ?? "∞")"
                    ))
            }
            dated.append((day, parsed))
        }
        dated.sort { $0.since < $1.since }
        return dated
    }

    func poverty(_ node: YAMLValue) -> PovertyGuidelines? {
        node.checkKeys(["citation", "status", "note", "references", "years", "regions"], diagnostics)
        guard let citation = citation(node), let years = node["years"],
            let entries = attempt({ () throws(InputError) in try years.entries() })
        else {
            return nil
        }
        var out: [PovertyGuidelines.Year] = []
        for (yearText, value) in entries {
            guard let year = Int(yearText) else {
                diagnostics.add(value.error("'\(yearText)' is not a year"))
                continue
            }
            func entry(_ key: String) -> PovertyGuidelines.Entry? {
                guard let e = value[key] else {
                    diagnostics.add(value.error("missing '\(key)'"))
                    return nil
                }
                guard let base = e["base"].flatMap({ n in attempt { () throws(InputError) in try n.number() } }),
                    let per = e["per_additional"].flatMap({ n in attempt { () throws(InputError) in try n.number() } })
                else {
                    diagnostics.add(e.error("needs base and per_additional"))
                    return nil
                }
                return .init(base: base, perAdditional: per)
            }
            guard let c = entry("contiguous"), let a = entry("alaska"), let h = entry("hawaii") else { continue }
            let effective = value["effective"].flatMap { n in attempt { () throws(InputError) in try n.day() } }
            out.append(.init(year: year, effective: effective, contiguous: c, alaska: a, hawaii: h))
        }
        return PovertyGuidelines(years: out, citation: citation)
    }

    mutating func stream(
        _ node: YAMLValue, id: String, sharedScope: NameScope, reads: [Int: ExpressionReads],
        scopes: inout [String: NameScope]
    ) -> StreamPolicy? {
        node.checkKeys(
            [
                "id", "name", "authority", "kind", "references", "parameters", "rules", "costs", "caps", "stream_caps",
                "ordering",
                "matching", "entitlement", "note", "status", "citation", "priority_of_service", "in_kind_match",
                "availability",
            ], diagnostics)
        let before = diagnostics.errors.count
        if let idNode = node["id"], let given = text(idNode), given != id {
            diagnostics.add(idNode.error("id '\(given)' does not match the file name '\(id).yaml'"))
        }
        if let params = node["parameters"] { parameters(params, stream: id) }
        var scope = sharedScope
        for p in allParameters where p.stream == id {
            if sharedScope.names[p.name] != nil {
                diagnostics.add(
                    InputError(
                        file: p.file, line: p.line, key: "parameters.\(p.name)",
                        reason: "parameter name '\(p.name)' hides a shared name"))
            }
            scope.names[p.name] = (p.unit.type, .parameter(p.slot))
        }
        scopes[id] = scope
        let compiler = Compiler(scope: scope, definitionReads: reads)
        let rules = streamRules(node, compiler)
        let costs = costLines(node, compiler)
        let caps = capRules(node, compiler)
        let streamCaps = streamCapRules(node, compiler)
        let ordering = orderingRules(node, compiler)
        let matching = matchingRule(node, compiler)
        let priority = priorityOfService(node, compiler)
        let inKindMatch = inKindMatchRule(node)
        let availability = availability(node)
        let kindText = node["kind"].flatMap { text($0) } ?? "federal"
        let kind = StreamKind(rawValue: kindText)
        if kind == nil {
            diagnostics.add(node["kind"]!.error("unknown kind '\(kindText)' (federal, nonfederal or private)"))
        }
        guard diagnostics.errors.count == before else { return nil }
        var policy = StreamPolicy(
            id: id, name: node["name"].flatMap { text($0) } ?? id,
            authority: node["authority"].flatMap { text($0) } ?? "",
            kind: kind ?? .federal, references: references(node["references"]),
            parameters: allParameters.filter { $0.stream == id },
            rules: rules, costs: costs, caps: caps, streamCaps: streamCaps, ordering: ordering, matching: matching,
            entitlement: node["entitlement"].flatMap { n in attempt { () throws(InputError) in try n.bool() } }
                ?? false,
            priority: priority, file: node.file)
        policy.inKindMatch = inKindMatch
        policy.availability = availability
        return policy
    }

    /// The shared definitions, each compiled against the names before it (and added to `scope`).
    func definitions(_ defs: YAMLValue, scope sharedScope: inout NameScope, reads: inout [Int: ExpressionReads])
        -> [Definition]
    {
        var definitions: [Definition] = []
        for (name, value) in (try? defs.entries()) ?? [] {
            value.checkKeys(["text", "expr", "citation", "status", "note", "references"], diagnostics)
            if sharedScope.names[name] != nil {
                diagnostics.add(value.error("definition '\(name)' hides an existing name"))
                continue
            }
            let compiler = Compiler(scope: sharedScope, definitionReads: reads)
            guard let expression = expression(value["expr"], compiler, expecting: nil, what: "expr"),
                let citation = citation(value)
            else { continue }
            let slot = definitions.count
            definitions.append(
                Definition(
                    name: name, text: text(value["text"]) ?? "", expression: expression, citation: citation, slot: slot)
            )
            reads[slot] = expression.reads
            sharedScope.names[name] = (expression.type, .definition(slot))
        }
        return definitions
    }
}
