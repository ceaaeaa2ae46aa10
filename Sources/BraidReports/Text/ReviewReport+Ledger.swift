import BraidPolicy
import BraidScenario

/// The partnership ledger as tables (terminal, Markdown, HTML): each stream's costs, each
/// partner's cash and in-kind with its leverage, and the in-kind contributions.
extension ReviewReport {
    static func ledgerTables(_ l: PlanLedger) -> [Table] {
        var rows = [
            [
                "stream", "kind", "partner", "participant costs", "program costs", "shared costs", "indirect",
                "total", "in-kind match",
            ]
        ]
        for s in l.streams {
            rows.append([
                s.stream, s.kind.rawValue, s.partner ?? "-", formatMoney(s.participantCosts),
                formatMoney(s.programCosts), formatMoney(s.sharedCosts), formatMoney(s.indirect), formatMoney(s.total),
                s.inKindMatch > 0 ? formatMoney(s.inKindMatch) : "-",
            ])
        }
        var tables = [
            Table(
                title: "Partnership ledger",
                note:
                    "Federal \(formatMoney(l.federal)), non-federal \(formatMoney(l.nonfederal)), in-kind \(formatMoney(l.inKindTotal)); leverage \(leverage(l.leverage)) (non-federal cash and in-kind per federal dollar; Pell counts as federal).",
                rows: rows, rightAligned: [3, 4, 5, 6, 7, 8])
        ]
        if !l.partners.isEmpty {
            var partnerRows = [["partner", "role", "federal", "non-federal", "in-kind", "leverage"]]
            for p in l.partners {
                partnerRows.append([
                    p.partner.name, p.partner.role ?? "-", formatMoney(p.federal), formatMoney(p.nonfederal),
                    formatMoney(p.inKind), leverage(p.leverage),
                ])
            }
            tables.append(
                Table(
                    title: "Partners",
                    note:
                        "A partner's leverage: its non-federal cash and in-kind per federal dollar of the whole plan.",
                    rows: partnerRows, rightAligned: [2, 3, 4, 5]))
        }
        if !l.inKind.isEmpty {
            var inKindRows = [["partner", "contribution", "value", "valued at", "match for"]]
            for c in l.inKind {
                inKindRows.append([
                    c.partner, c.description, formatMoney(c.value), c.valuation,
                    c.countsAsMatchFor.isEmpty ? "-" : c.countsAsMatchFor.joined(separator: ", "),
                ])
            }
            tables.append(
                Table(
                    title: "In-kind contributions",
                    note: "Valued under 2 CFR 200.306; counted as match only where the stream's rule allows it.",
                    rows: inKindRows, rightAligned: [2]))
        }
        return tables
    }

    /// Each shared cost's allocation: every stream's benefit, share and payment.
    static func sharedCostTables(_ results: [SharedCostResult]) -> [Table] {
        results.map { c in
            let unit = c.basis == .participants ? "participants" : c.basis == .hours ? "hours" : "direct dollars"
            var rows = [["stream", "benefit (\(unit))", "share", "paid", "held to its share"]]
            for x in c.streams {
                rows.append([
                    x.stream, NumberText.fixed(x.benefit, 2), formatMoney(x.share), formatMoney(x.paid),
                    x.held ? "yes" : "no",
                ])
            }
            let scope = c.scope == "partnership" ? "the partnership" : "program \(c.scope)"
            return Table(
                title: "Shared cost \(c.id) (\(c.category), \(formatMoney(c.amount)), \(scope))",
                note: c.incurred
                    ? "Allocated by \(c.basis.rawValue.replacingOccurrences(of: "_", with: " ")) (basis total \(NumberText.fixed(c.basisTotal, 2))): a stream held to its share (federal or restricted money) pays at most it; unrestricted non-federal money pays the rest (2 CFR 200.405)."
                    : "Not incurred: its program does not run.",
                rows: rows, rightAligned: [1, 2, 3])
        }
    }

    /// "$0.63 per federal $1", or "-" without federal money.
    static func leverage(_ ratio: Double?) -> String {
        ratio.map { "$" + NumberText.fixed($0, 2) + " per federal $1" } ?? "-"
    }
}
