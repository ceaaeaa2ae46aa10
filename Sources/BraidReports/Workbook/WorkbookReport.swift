import BraidPolicy
import BraidScenario

/// The Excel workbooks of `run`, `compare`, `sweep` and `eligibility` (`--format xlsx`): one
/// sheet per table a planner works with, money as currency numbers.
public enum WorkbookReport {
    typealias Cell = Workbook.Cell

    /// A plan: summary, streams, categories, allocations by participant, not served with
    /// reasons, eligibility, groups and targets.
    public static func run(_ plan: Plan, _ scenario: Scenario) -> Workbook {
        let analyses = scenario.analyze()
        let names = HTMLReport.streamNames(scenario)
        let spent = plan.dollarsBraided
        var summary: [[Cell]] = [
            [.text("scenario"), .text(plan.scenario)],
            [.text("status"), .text(plan.status.rawValue)],
            [.text("people served"), .integer(plan.served.count)],
            [.text("not served"), .integer(plan.notServed.count)],
            [.text("dollars braided"), .money(spent)],
            [.text("objective"), .text(ReviewReport.objectiveLine(plan))],
        ]
        if !scenario.overrides.isEmpty {
            summary.append([.text("overrides"), .text(scenario.overrides.joined(separator: ", "))])
        }
        let programOf = Dictionary(uniqueKeysWithValues: scenario.participants.map { ($0.id, $0.program) })
        var categories: [CostCategory: Int64] = [:]
        for a in plan.allocations + plan.programAllocations { categories[a.category, default: 0] += a.cents }
        return Workbook(
            [
                .init("Summary", columns: [("item", 22), ("value", 70)], rows: summary),
                .init(
                    "Streams",
                    columns: [
                        ("stream", 22), ("name", 40), ("budget", 16), ("used", 16), ("use", 8),
                        ("each extra dollar", 70),
                    ],
                    rows: plan.streams.map { s in
                        [
                            .text(s.id), .text(HTMLReport.streamName(s.id, names)),
                            s.budget.map(Cell.money) ?? .text("entitlement"),
                            .money(s.used),
                            s.budget.map { $0 > 0 ? .percent(Double(s.used) / Double($0)) : .blank } ?? .blank,
                            .text(SummaryReport.marginal(s, plan)),
                        ]
                    }),
                .init(
                    "Categories", columns: [("category", 22), ("paid", 16)],
                    rows: CostCategory.allCases.compactMap { c in categories[c].map { [.text(c.label), .money($0)] } }),
                allocations(plan, programOf),
                .init(
                    "Not served", columns: [("participant", 14), ("program", 24), ("reason", 120)],
                    rows: plan.notServed.map { [.text($0.id), .text(programOf[$0.id] ?? ""), .text($0.reason)] }),
                eligibility(scenario, analyses),
                .init(
                    "Groups", columns: [("group", 44), ("kind", 18), ("applicants", 12), ("served", 10), ("rate", 10)],
                    rows: plan.review.groups.map {
                        [
                            .text($0.label), .text($0.kind), .integer($0.applicants), .integer($0.served),
                            .percent($0.rate),
                        ]
                    }),
                .init(
                    "Targets",
                    columns: [("target", 40), ("requirement", 36), ("group", 10), ("served", 10), ("met", 30)],
                    rows: plan.review.targets.map {
                        [
                            .text($0.label), .text($0.requirement), .integer($0.group), .integer($0.served),
                            .text(ReviewReport.metText($0)),
                        ]
                    }),
            ] + ledger(plan.review.ledger) + (plan.review.years.map(years) ?? []))
    }

    /// Every allocation line: participants', then programs' and shared costs'.
    static func allocations(_ plan: Plan, _ programOf: [String: String]) -> Workbook.Sheet {
        let other =
            plan.programAllocations.map { ("(program)", $0) } + plan.sharedAllocations.map { ("(shared)", $0) }
        // (With money by year, a last column says when each cost falls.)
        let timed = plan.review.years != nil
        let when = { (a: Allocation) -> [Cell] in timed ? [.text(a.period ?? "")] : [] }
        return .init(
            "Allocations",
            columns: [("participant", 14), ("program", 24), ("stream", 22), ("category", 18), ("amount", 14)]
                + (timed ? [("period", 24)] : []),
            rows: plan.allocations.map {
                [
                    .text($0.owner), .text(programOf[$0.owner] ?? ""), .text($0.stream), .text($0.category.label),
                    .money($0.cents),
                ] + when($0)
            }
                + other.map { kind, line in
                    [
                        .text(kind), .text(line.owner), .text(line.stream), .text(line.category.label),
                        .money(line.cents),
                    ] + when(line)
                })
    }

    /// The partnership ledger: a sheet of streams (and the plan's totals and leverage), and,
    /// when the scenario names them, partners and in-kind contributions.
    static func ledger(_ l: PlanLedger) -> [Workbook.Sheet] {
        func total(_ label: String, _ value: Cell) -> [Cell] {
            [.text(label), .blank, .blank, .blank, .blank, .blank, .blank, value, .blank]
        }
        var sheets: [Workbook.Sheet] = [
            .init(
                "Ledger",
                columns: [
                    ("stream", 22), ("kind", 12), ("partner", 18), ("participant costs", 18), ("program costs", 16),
                    ("shared costs", 16), ("indirect", 14), ("total", 16), ("in-kind match", 16),
                ],
                rows: l.streams.map { s in
                    [
                        .text(s.stream), .text(s.kind.rawValue), .text(s.partner ?? ""), .money(s.participantCosts),
                        .money(s.programCosts), .money(s.sharedCosts), .money(s.indirect), .money(s.total),
                        .money(s.inKindMatch),
                    ]
                } + [
                    total("federal", .money(l.federal)), total("non-federal", .money(l.nonfederal)),
                    total("in-kind", .money(l.inKindTotal)),
                    total("leverage (per federal $1)", l.leverage.map(Cell.number) ?? .blank),
                ])
        ]
        if !l.partners.isEmpty {
            sheets.append(
                .init(
                    "Partners",
                    columns: [
                        ("partner", 20), ("name", 40), ("role", 36), ("federal", 16), ("non-federal", 16),
                        ("in-kind", 16),
                        ("leverage", 10),
                    ],
                    rows: l.partners.map { p in
                        [
                            .text(p.partner.id), .text(p.partner.name), .text(p.partner.role ?? ""), .money(p.federal),
                            .money(p.nonfederal), .money(p.inKind), p.leverage.map(Cell.number) ?? .blank,
                        ]
                    }))
        }
        if !l.inKind.isEmpty {
            sheets.append(
                .init(
                    "In-kind",
                    columns: [
                        ("partner", 20), ("contribution", 50), ("value", 16), ("valuation", 60), ("source", 50),
                        ("match for", 24),
                    ],
                    rows: l.inKind.map { c in
                        [
                            .text(c.partner), .text(c.description), .money(c.value), .text(c.valuation),
                            .text(c.source ?? ""), .text(c.countsAsMatchFor.joined(separator: ", ")),
                        ]
                    }))
        }
        return sheets
    }

    /// The participant × stream eligibility sheet: yes, or the deciding rule.
    public static func eligibility(_ scenario: Scenario, _ analyses: [ParticipantAnalysis]) -> Workbook.Sheet {
        .init(
            "Eligibility", columns: [("participant", 14), ("program", 24)] + scenario.streams.map { ($0.id, 22) },
            rows: analyses.map { a in
                [.text(a.person.id), .text(a.person.program)]
                    + scenario.streams.indices.map { s in
                        if let d = a.eligibility[s] { return .text(d.eligible ? "yes" : "no: \(d.failed!.id)") }
                        return .text(a.eligible[s] ? "yes" : "no: when")
                    }
            })
    }

    /// A comparison: the headline and yardstick, served, streams on both sides, eligibility
    /// pools, and who gains or loses service.
    public static func compare(_ c: Comparison) -> Workbook {
        let y = c.yardstick
        return Workbook([
            .init(
                "Summary", columns: [("item", 26), ("baseline", 60), ("what-if", 60)],
                rows: [
                    [.text("scenario"), .text(c.baseline.scenario), .text(c.whatIf.scenario)],
                    [.text("headline"), .text(c.headline), .blank],
                    [.text("people served"), .integer(c.baseline.served.count), .integer(c.whatIf.served.count)],
                    [.text("new money"), .money(y.newCents), .blank],
                    [.text("per extra person served"), y.perPerson.map(Cell.money) ?? .blank, .blank],
                    [.text("per extra expected placement"), y.perPlacement.map(Cell.money) ?? .blank, .blank],
                ]),
            .init(
                "Streams",
                columns: [
                    ("stream", 22), ("baseline budget", 16), ("baseline used", 16), ("what-if budget", 16),
                    ("what-if used", 16),
                ],
                rows: c.streamIDs.map { id in
                    let a = c.baseline.streams.first { $0.id == id }, b = c.whatIf.streams.first { $0.id == id }
                    return [
                        .text(id), a?.budget.map(Cell.money) ?? .blank, a.map { .money($0.used) } ?? .blank,
                        b?.budget.map(Cell.money) ?? .blank, b.map { .money($0.used) } ?? .blank,
                    ]
                }),
            .init(
                "Eligible", columns: [("stream", 22), ("baseline", 12), ("what-if", 12)],
                rows: c.eligible.map {
                    [.text($0.id), $0.baseline.map(Cell.integer) ?? .blank, $0.whatIf.map(Cell.integer) ?? .blank]
                }),
            .init(
                "Gain and lose", columns: [("participant", 14), ("change", 10), ("reason", 120)],
                rows: c.gained.map { [.text($0.id), .text("gains"), .text("before: " + $0.reason)] }
                    + c.lost.map { [.text($0.id), .text("loses"), .text($0.reason)] }),
        ])
    }

    /// A sweep: one row per point (values, served, eligibility pools, each stream's use).
    public static func sweep(_ axes: [SweepAxis], _ points: [SweepPoint]) -> Workbook {
        guard let first = points.first else { return Workbook([]) }
        let ids = first.plan.streams.map(\.id)
        return Workbook([
            .init("Summary", columns: [("headline", 120)], rows: [[.text(Headline.sweep(axes, points))]]),
            .init(
                "Points",
                columns: axes.map { ($0.key, 22) } + [("served", 10), ("weighted", 10), ("status", 12)]
                    + ids.map { ("\($0) used", 18) } + ids.map { ("\($0) eligible", 14) },
                rows: points.map { p in
                    zip(axes, p.values).map { $0.isMoney ? Cell.money(Int64(($1 * 100).rounded())) : .number($1) }
                        + [
                            .integer(p.plan.served.count), .number(p.plan.weightedServed),
                            .text(p.plan.status.rawValue),
                        ]
                        + p.plan.streams.map { .money($0.used) }
                        + ids.map { p.eligible[$0].map(Cell.integer) ?? .blank }
                }),
        ])
    }
}
