/// The sections of a stream's policy file (rules, cost lines, caps, stream caps, ordering,
/// matching, priority of service), each read and compiled alone.
extension Loader {
    func streamRules(_ node: YAMLValue, _ compiler: Compiler) -> [Rule] {
        var rules: [Rule] = []
        var ruleIDs = Set<String>()
        for item in node["rules"].flatMap({ n in attempt { () throws(InputError) in try n.items() } }) ?? [] {
            item.checkKeys(["id", "text", "when", "citation", "status", "note", "references"], diagnostics)
            guard let ruleID = item["id"].flatMap({ text($0) }) else {
                diagnostics.add(item.error("a rule needs an id"))
                continue
            }
            if !ruleIDs.insert(ruleID).inserted { diagnostics.add(item.error("rule id '\(ruleID)' is used twice")) }
            guard let expression = expression(item["when"], compiler, expecting: .bool, what: "when") else {
                if item["when"] == nil { diagnostics.add(item.error("rule '\(ruleID)' needs 'when'")) }
                continue
            }
            guard let citation = citation(item) else { continue }
            rules.append(
                Rule(
                    id: ruleID, text: text(item["text"]) ?? "", expression: expression, citation: citation,
                    file: item.file, line: item.line))
        }
        return rules
    }

    func costLines(_ node: YAMLValue, _ compiler: Compiler) -> [CostLine] {
        var costs: [CostLine] = []
        for item in node["costs"].flatMap({ n in attempt { () throws(InputError) in try n.items() } }) ?? [] {
            item.checkKeys(["category", "share", "when", "citation", "status", "note", "references"], diagnostics)
            guard let category = categories(item["category"])?.first, let citation = citation(item) else {
                if item["category"] == nil { diagnostics.add(item.error("a cost line needs a category")) }
                continue
            }
            if costs.contains(where: { $0.category == category }) {
                diagnostics.add(item.error("category \(category) is listed twice"))
            }
            costs.append(
                CostLine(
                    category: category, share: expression(item["share"], compiler, expecting: .number, what: "share"),
                    condition: expression(item["when"], compiler, expecting: .bool, what: "when"), citation: citation))
        }
        return costs
    }

    func capRules(_ node: YAMLValue, _ compiler: Compiler) -> [CapRule] {
        var caps: [CapRule] = []
        for item in node["caps"].flatMap({ n in attempt { () throws(InputError) in try n.items() } }) ?? [] {
            item.checkKeys(["id", "categories", "amount", "citation", "status", "note", "references"], diagnostics)
            guard let capID = item["id"].flatMap({ text($0) }), let cats = categories(item["categories"]),
                let amount = expression(item["amount"], compiler, expecting: .number, what: "amount"),
                let citation = citation(item)
            else { continue }
            caps.append(CapRule(id: capID, categories: cats, amount: amount, citation: citation))
        }
        return caps
    }

    func streamCapRules(_ node: YAMLValue, _ compiler: Compiler) -> [StreamCapRule] {
        var streamCaps: [StreamCapRule] = []
        for item in node["stream_caps"].flatMap({ n in attempt { () throws(InputError) in try n.items() } }) ?? [] {
            item.checkKeys(
                [
                    "id", "categories", "share", "citation", "status", "note", "references", "pooled_with",
                    "includes_indirect",
                ],
                diagnostics)
            guard let capID = item["id"].flatMap({ text($0) }), let cats = categories(item["categories"]),
                let share = expression(item["share"], compiler, expecting: .number, what: "share"),
                let citation = citation(item)
            else { continue }
            if share.readsParticipant {
                diagnostics.add(item.error("a stream cap's share cannot depend on a participant"))
            }
            var rule = StreamCapRule(id: capID, categories: cats, share: share, citation: citation)
            rule.pooledWith =
                item["pooled_with"].flatMap { n in attempt { () throws(InputError) in try n.strings() } } ?? []
            rule.includesIndirect =
                item["includes_indirect"].flatMap { n in attempt { () throws(InputError) in try n.bool() } } ?? false
            streamCaps.append(rule)
        }
        return streamCaps
    }

    func orderingRules(_ node: YAMLValue, _ compiler: Compiler) -> [OrderingRule] {
        var ordering: [OrderingRule] = []
        for item in node["ordering"].flatMap({ n in attempt { () throws(InputError) in try n.items() } }) ?? [] {
            item.checkKeys(["id", "categories", "after", "citation", "status", "note", "references"], diagnostics)
            guard let ruleID = item["id"].flatMap({ text($0) }), let cats = categories(item["categories"]),
                let after = item["after"].flatMap({ n in attempt { () throws(InputError) in try n.strings() } }),
                let citation = citation(item)
            else { continue }
            ordering.append(OrderingRule(id: ruleID, categories: cats, after: after, citation: citation))
        }
        return ordering
    }

    func matchingRule(_ node: YAMLValue, _ compiler: Compiler) -> MatchingRule? {
        var matching: MatchingRule? = nil
        if let m = node["matching"] {
            m.checkKeys(["rate", "citation", "status", "note", "references"], diagnostics)
            if let rate = expression(m["rate"], compiler, expecting: .number, what: "rate"), let citation = citation(m)
            {
                if rate.readsParticipant {
                    diagnostics.add(m.error("a matching rate cannot depend on a participant", key: "matching.rate"))
                }
                matching = MatchingRule(rate: rate, citation: citation)
            }
        }
        return matching
    }

    /// `availability: {year, years, citation, status}`: how long an allotment may be spent.
    func availability(_ node: YAMLValue) -> Availability? {
        guard let a = node["availability"] else { return nil }
        a.checkKeys(["year", "years", "citation", "status", "note", "references"], diagnostics)
        let kinds = FundingYear.allCases.map(\.rawValue).joined(separator: ", ")
        guard let yearText = a["year"].flatMap({ text($0) }), let year = FundingYear(rawValue: yearText) else {
            diagnostics.add(a.error("availability needs 'year' (one of \(kinds))", key: "availability.year"))
            return nil
        }
        var years: Int? = nil
        if year != .periodOfPerformance {
            let given = a["years"].flatMap { text($0) }
            if given == "unlimited" {
                years = nil
            } else if let given, let n = Int(given), n >= 1 {
                years = n
            } else {
                diagnostics.add(
                    (a["years"] ?? a).error(
                        "availability needs 'years': a whole number of at least 1, or 'unlimited'",
                        key: "availability.years"))
                return nil
            }
        } else if let extra = a["years"] {
            diagnostics.add(
                extra.error("a period of performance has no 'years': the award's dates are the grant's own"))
        }
        guard let citation = citation(a) else { return nil }
        return Availability(year: year, years: years, citation: citation)
    }

    /// `in_kind_match: {allowed: BOOL, citation, status}`: whether in-kind counts as its match.
    func inKindMatchRule(_ node: YAMLValue) -> InKindMatchRule? {
        guard let m = node["in_kind_match"] else { return nil }
        m.checkKeys(["allowed", "citation", "status", "note", "references"], diagnostics)
        guard let a = m["allowed"] else {
            diagnostics.add(m.error("in_kind_match needs 'allowed: true' or 'allowed: false'", key: "in_kind_match"))
            return nil
        }
        guard let allowed = attempt({ () throws(InputError) in try a.bool() }), let citation = citation(m) else {
            return nil
        }
        return InKindMatchRule(allowed: allowed, citation: citation)
    }

    func priorityOfService(_ node: YAMLValue, _ compiler: Compiler) -> PriorityOfService? {
        guard let p = node["priority_of_service"] else { return nil }
        p.checkKeys(["tiers", "citation", "status", "note", "references", "state_alternative"], diagnostics)
        let tiers = priorityTiers(p, compiler)
        var alternative: PriorityOfService.Alternative? = nil
        if let a = p["state_alternative"] {
            a.checkKeys(["share", "share_of", "tiers", "citation", "status", "note", "references"], diagnostics)
            let share = expression(a["share"], compiler, expecting: .number, what: "share")
            let shareOf = a["share_of"].flatMap { n in attempt { () throws(InputError) in try n.strings() } } ?? []
            for id in shareOf where !tiers.contains(where: { $0.id == id }) {
                diagnostics.add(a["share_of"]!.error("share_of names unknown tier '\(id)'"))
            }
            if shareOf.isEmpty { diagnostics.add(a.error("state_alternative needs share_of (tier ids)")) }
            if let share, let citation = citation(a) {
                alternative = .init(
                    share: share, shareOf: shareOf, tiers: priorityTiers(a, compiler), citation: citation)
            }
        }
        guard let citation = citation(p) else { return nil }
        return PriorityOfService(tiers: tiers, citation: citation, alternative: alternative)
    }

    private func priorityTiers(_ p: YAMLValue, _ compiler: Compiler) -> [PriorityOfService.Tier] {
        var tiers: [PriorityOfService.Tier] = []
        for item in p["tiers"].flatMap({ n in attempt { () throws(InputError) in try n.items() } }) ?? [] {
            item.checkKeys(["id", "text", "when"], diagnostics)
            guard let tierID = item["id"].flatMap({ text($0) }),
                let condition = expression(item["when"], compiler, expecting: .bool, what: "when")
            else {
                if item["id"] == nil || item["when"] == nil {
                    diagnostics.add(item.error("a priority tier needs id and when"))
                }
                continue
            }
            tiers.append(.init(id: tierID, text: text(item["text"]) ?? "", condition: condition))
        }
        if tiers.isEmpty { diagnostics.add(p.error("priority tiers: give at least one tier")) }
        return tiers
    }
}
