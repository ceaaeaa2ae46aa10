import BraidPolicy

/// What the plan aims at: the objective's measure, the targets, and the programs that
/// program-bound streams and outcome measures name.
extension ScenarioReader {
    /// `objective.maximize`: people (default), completions, placements or earnings.
    mutating func readMeasure(_ node: YAMLValue?) {
        guard let node, let text = diagnostics.attempt({ () throws(InputError) in try node.string() }) else { return }
        guard let m = ObjectiveMeasure(rawValue: text) else {
            diagnostics.add(
                node.error(
                    "unknown objective '\(text)' (people, completions, placements or earnings)"
                        + suggestion(for: text, in: ObjectiveMeasure.allCases.map(\.rawValue))))
            return
        }
        measure = m
    }

    /// `targets:`: a list of `{label, when, at_least | share_at_least (+ of) | rate_at_least}`.
    mutating func readTargets() {
        guard let list = root["targets"], !list.isNull else { return }
        guard let items = diagnostics.attempt({ () throws(InputError) in try list.items() }) else { return }
        var labels = Set<String>()
        for item in items {
            guard let target = readTarget(item) else { continue }
            if !labels.insert(target.label).inserted {
                diagnostics.add(item.error("target label '\(target.label)' is used twice", key: item.key + ".label"))
            }
            targets.append(target)
        }
    }

    private func readTarget(_ item: YAMLValue) -> Target? {
        item.checkKeys(["label", "when", "at_least", "share_at_least", "of", "rate_at_least", "note"], diagnostics)
        guard
            let label = item["label"].flatMap({ n in diagnostics.attempt { () throws(InputError) in try n.string() } }),
            !label.isEmpty
        else {
            diagnostics.add(item.error("a target needs a 'label' (how reports name it)", key: item.key + ".label"))
            return nil
        }
        guard let whenNode = item["when"],
            let source = diagnostics.attempt({ () throws(InputError) in try whenNode.string() })
        else {
            diagnostics.add(item.error("target '\(label)' needs 'when' (who is in the group)", key: item.key + ".when"))
            return nil
        }
        let kinds = ["at_least", "share_at_least", "rate_at_least"].filter { item[$0] != nil }
        guard kinds.count == 1 else {
            diagnostics.add(
                item.error(
                    "target '\(label)' needs exactly one of at_least, share_at_least or rate_at_least"
                        + (kinds.isEmpty ? "" : " (it has \(kinds.joined(separator: ", ")))")))
            return nil
        }
        guard let requirement = readRequirement(item, kinds[0], label) else { return nil }
        do {
            let condition = try policies.compile(source, stream: nil, expecting: .bool)
            return Target(label: label, condition: condition, requirement: requirement)
        } catch {
            diagnostics.add(
                InputError(
                    file: whenNode.file, line: whenNode.line, column: whenNode.textColumn.map { $0 + error.offset },
                    key: whenNode.key, reason: error.reason))
            return nil
        }
    }

    private func readRequirement(_ item: YAMLValue, _ kind: String, _ label: String) -> Target.Requirement? {
        let node = item[kind]!
        guard let value = diagnostics.attempt({ () throws(InputError) in try node.number() }) else { return nil }
        if item["of"] != nil && kind != "share_at_least" {
            diagnostics.add(item["of"]!.error("'of' goes with share_at_least only"))
        }
        switch kind {
        case "at_least":
            guard value >= 0, value == value.rounded(), value <= 10_000_000 else {
                diagnostics.add(node.error("at_least must be a whole number of people, got \(formatNumber(value))"))
                return nil
            }
            return .atLeast(Int(value))
        case "share_at_least":
            guard value >= 0, value <= 1 else {
                diagnostics.add(node.error("share_at_least must be a share from 0 to 1, got \(formatNumber(value))"))
                return nil
            }
            var of: String? = nil
            if let o = item["of"], let id = diagnostics.attempt({ () throws(InputError) in try o.string() }),
                id != "all"
            {
                if streams.contains(where: { $0.id == id }) {
                    of = id
                } else {
                    diagnostics.add(
                        o.error(
                            "target '\(label)': of: '\(id)' is not a stream of the scenario (or 'all')"
                                + suggestion(for: id, in: streams.map(\.id))))
                    return nil
                }
            }
            return .shareAtLeast(value, of: of)
        default:
            guard value >= 0, value <= 100 else {
                diagnostics.add(
                    node.error("rate_at_least must be a multiple from 0 to 100, got \(formatNumber(value))"))
                return nil
            }
            return .rateAtLeast(value)
        }
    }

    /// Program-bound streams name programs of the scenario; an outcome objective needs every
    /// program's outcomes.
    func checkProgramLinks() {
        let ids = programs.map(\.info.id)
        for stream in streams {
            for id in stream.programs ?? [] where !ids.contains(id) {
                diagnostics.add(
                    root["streams"]?[stream.id]?["programs"]?.error(
                        "stream '\(stream.id)' names unknown program '\(id)'" + suggestion(for: id, in: ids))
                        ?? InputError(
                            file: file, key: "streams.\(stream.id).programs", reason: "unknown program '\(id)'"))
            }
        }
        guard measure != .people else { return }
        for program in programs where program.outcomes == nil {
            diagnostics.add(
                root.error(
                    "objective.maximize: \(measure.rawValue) needs outcomes for every program; program '\(program.info.id)' has none",
                    key: "programs"))
        }
    }
}
