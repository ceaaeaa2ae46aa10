import BraidPolicy

/// The partnership's organisations (`partners:`) and their in-kind contributions (`in_kind:`),
/// read after the streams so that each stream's `partner:` and each claimed match is checked.
extension ScenarioReader {
    mutating func readPartnership() {
        if let node = root["partners"],
            let entries = diagnostics.attempt({ () throws(InputError) in try node.entries() })
        {
            for (id, value) in entries {
                if let partner = Self.loadPartner(id, value, diagnostics) { partners.append(partner) }
            }
        }
        let ids = partners.map(\.id)
        for stream in streams {
            guard let partner = stream.partner, !ids.contains(partner) else { continue }
            let node = root["streams"]?[stream.id]?["partner"]
            let reason =
                "unknown partner '\(partner)'"
                + (ids.isEmpty ? ": declare it under partners:" : suggestion(for: partner, in: ids))
            diagnostics.add(
                node?.error(reason) ?? InputError(file: file, key: "streams.\(stream.id).partner", reason: reason))
        }
        guard let list = root["in_kind"], let items = diagnostics.attempt({ () throws(InputError) in try list.items() })
        else { return }
        for item in items {
            if let contribution = loadInKind(item, partners: ids) { inKind.append(contribution) }
        }
    }

    static func loadPartner(_ id: String, _ value: YAMLValue, _ d: Diagnostics) -> Partner? {
        guard value.isMapping else {
            d.add(value.error("a partner is {name: TEXT, role: TEXT}"))
            return nil
        }
        value.checkKeys(["name", "role", "note"], d)
        let name = value["name"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } } ?? id
        let role = value["role"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } }
        return Partner(id: id, name: name, role: role)
    }

    /// One in-kind contribution: its partner, what it is, its value and how it was valued, and
    /// the streams whose match it is claimed for (each must allow in-kind match).
    func loadInKind(_ item: YAMLValue, partners ids: [String]) -> InKindContribution? {
        let d = diagnostics
        guard item.isMapping else {
            d.add(item.error("an in-kind contribution is {partner, description, value, valuation}"))
            return nil
        }
        item.checkKeys(["partner", "description", "value", "valuation", "source", "counts_as_match_for", "note"], d)
        func text(_ key: String, required: Bool) -> String? {
            guard let n = item[key] else {
                if required { d.add(item.error("an in-kind contribution needs '\(key)'", key: item.key + "." + key)) }
                return nil
            }
            return d.attempt { () throws(InputError) in try n.string() }
        }
        let partner = text("partner", required: true)
        if let partner, !ids.contains(partner) {
            d.add(
                item["partner"]!.error(
                    "unknown partner '\(partner)'"
                        + (ids.isEmpty ? ": declare it under partners:" : suggestion(for: partner, in: ids))))
        }
        let description = text("description", required: true)
        // (2 CFR 200.306(h)-(j): in-kind is valued and the valuation documented.)
        let valuation = text("valuation", required: true)
        var value: Int64? = nil
        if let v = item["value"] {
            value = d.attempt { () throws(InputError) in try v.cents() }
            if let cents = value, cents <= 0 { d.add(v.error("an in-kind value must be above $0")) }
        } else {
            d.add(item.error("an in-kind contribution needs 'value' (dollars)", key: item.key + ".value"))
        }
        var claimed: [String] = []
        if let m = item["counts_as_match_for"], let names = d.attempt({ () throws(InputError) in try m.strings() }) {
            for id in names {
                if let reason = inKindMatchRefusal(id) { d.add(m.error(reason)) } else { claimed.append(id) }
            }
        }
        guard let partner, let description, let valuation, let value, value > 0 else { return nil }
        return InKindContribution(
            partner: partner, description: description, value: value, valuation: valuation,
            source: text("source", required: false), countsAsMatchFor: claimed)
    }

    /// Why in-kind may not count as stream `id`'s match, or nil when it may.
    func inKindMatchRefusal(_ id: String) -> String? {
        guard let stream = streams.first(where: { $0.id == id }) else {
            return "counts_as_match_for: unknown stream '\(id)'" + suggestion(for: id, in: streams.map(\.id))
        }
        if let rule = stream.policy?.inKindMatch {
            return rule.allowed
                ? nil
                : "in-kind contributions cannot count as \(id)'s match (\(rule.citation.text))"
                    + (rule.citation.note.map { ": \($0)" } ?? "")
        }
        if stream.policy == nil && stream.ownInKindMatch { return nil }
        return stream.kind == .federal
            ? "\(id) has no rule letting in-kind count as its match (a scenario's own federal grant may say in_kind_match: true)"
            : "\(id) is \(stream.kind.rawValue) money: only a federal award has a non-federal match"
    }
}

extension ScenarioReader {
    /// `shared_costs:` a list of `{id, category, amount, scope, basis, source}`; read after the
    /// programs (a scope names one).
    mutating func readSharedCosts() {
        guard let list = root["shared_costs"],
            let items = diagnostics.attempt({ () throws(InputError) in try list.items() })
        else { return }
        let d = diagnostics
        var seen = Set<String>()
        for item in items {
            guard item.isMapping else {
                d.add(item.error("a shared cost is {id, category, amount, scope, basis}"))
                continue
            }
            item.checkKeys(["id", "category", "amount", "scope", "basis", "source", "note"], d)
            func text(_ key: String) -> String? {
                guard let n = item[key] else {
                    d.add(item.error("a shared cost needs '\(key)'", key: item.key + "." + key))
                    return nil
                }
                return d.attempt { () throws(InputError) in try n.string() }
            }
            let id = text("id")
            if let id, !seen.insert(id).inserted { d.add(item["id"]!.error("shared cost id '\(id)' is given twice")) }
            var category: CostCategory? = nil
            if let name = text("category") {
                category = CostCategory(rawValue: name).flatMap { $0.isShared ? $0 : nil }
                if category == nil {
                    d.add(
                        item["category"]!.error(
                            "a shared cost's category is one of \(CostCategory.shared.map(\.rawValue).joined(separator: ", ")), got '\(name)'"
                                + suggestion(for: name, in: CostCategory.shared.map(\.rawValue))))
                }
            }
            var amount: Int64? = nil
            if let n = item["amount"] {
                amount = d.attempt { () throws(InputError) in try n.cents() }
                if let a = amount, a <= 0 { d.add(n.error("a shared cost's amount must be above $0")) }
            } else {
                d.add(item.error("a shared cost needs 'amount' (dollars)", key: item.key + ".amount"))
            }
            var scope: SharedCost.Scope? = nil
            if let name = text("scope") {
                if name == "partnership" {
                    scope = .partnership
                } else if programs.contains(where: { $0.info.id == name }) {
                    scope = .program(name)
                } else {
                    d.add(
                        item["scope"]!.error(
                            "scope is 'partnership' or a program id, got '\(name)'"
                                + suggestion(for: name, in: ["partnership"] + programs.map(\.info.id))))
                }
            }
            var basis: SharedCost.Basis? = nil
            if let name = text("basis") {
                basis = SharedCost.Basis(rawValue: name)
                if basis == nil {
                    d.add(
                        item["basis"]!.error(
                            "basis is one of \(SharedCost.Basis.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'"
                                + suggestion(for: name, in: SharedCost.Basis.allCases.map(\.rawValue))))
                }
            }
            let source = item["source"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } }
            guard let id, let category, let amount, amount > 0, let scope, let basis else { continue }
            sharedCosts.append(
                SharedCost(id: id, category: category, amount: amount, scope: scope, basis: basis, source: source))
        }
    }
}
