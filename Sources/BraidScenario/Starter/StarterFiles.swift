import BraidPolicy

/// The files `braid init` writes: a commented starter scenario, a roster template with every
/// column explained, and a what-if example. Each passes `braid check` as written.
public enum StarterFiles {
    /// File name → text.
    public static func files() -> [(name: String, text: String)] {
        [
            ("scenario.yaml", scenario), ("participants.csv", roster), ("COLUMNS.md", columns()),
            ("what-if.yaml", whatIf),
        ]
    }

    static let scenario = """
        # A starter scenario (docs/CONTRACTS.md and Scenarios/FORMAT-NOTES.md describe every key).
        # Check it with `braid check .`, plan it with `braid run .`.
        name: My partnership — starter scenario
        state: GA                      # picks the poverty-guideline table (48 states and DC share one)
        period: {start: 2026-07-01, end: 2027-06-30}
        streams:
          pell: {}                       # an entitlement: no budget; the rules decide each award
          wioa-adult: {budget: 50000}    # your local WIOA Adult formula money for training
          local-fund:                    # money of your own: nonfederal (state, college) or private
            kind: nonfederal
            budget: 20000
            allowable: [tuition, books_supplies, transportation, child_care]
        programs:
          - id: welding-certificate
            clock_hours: 600             # Pell reads hours and weeks (Workforce Pell: 150-599 hours)
            weeks: 20
            cte: true                    # a career and technical education program (Perkins)
            title_iv_eligible: true      # the college may award Pell for it
            etpl: true                   # on the state's Eligible Training Provider List (WIOA training)
            min_enrollment: 1
        participants: participants.csv
        # roster_defaults: [veteran]    # columns whose blank cells take the documented default
        objective:
          use_order: [pell, wioa-adult, local-fund]   # spend earlier streams first

        """

    /// The roster template's header and example rows.
    public static let rosterRows: [[String]] = [
        [
            "id", "program", "age", "sex", "household_size", "annual_income", "snap", "tanf", "employment", "education",
            "selective_service", "work_authorized", "citizen_or_eligible_noncitizen", "immigration_status", "veteran",
            "in_postsecondary_school", "in_secondary_school", "tanf_months_used", "pell_sai", "need_tuition",
            "need_books_supplies", "need_transportation", "need_child_care",
        ],
        [
            "p001", "welding-certificate", "29", "F", "3", "18500", "true", "false", "unemployed", "hs", "false",
            "true",
            "true", "citizen", "false", "false", "false", "0", "0", "$4,200", "300", "400", "2500",
        ],
        [
            "p002", "welding-certificate", "41", "M", "1", "$31,000", "false", "false", "employed", "some_college",
            "true",
            "true", "true", "lpr", "true", "false", "false", "0", "", "4200", "300", "", "",
        ],
    ]

    static var roster: String {
        rosterRows.map { row in row.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }

    static let whatIf = """
        # A what-if: the base scenario with only what changes (`braid compare what-if.yaml`).
        base: .
        name: My partnership — $20,000 more WIOA Adult
        set:
          wioa-adult.budget: 70000

        """

    /// Every roster column as rows: name, type, values, default (column missing), a blank cell.
    public static var columnRows: [[String]] {
        var rows = [
            ["id", "text", "unique", "—", "error"], ["program", "text", "a program id of the scenario", "—", "error"],
        ]
        for field in PersonField.all {
            let type: String
            switch field.type {
            case .bool: type = "yes/no"
            case .number: type = field.money ? "dollars" : "number"
            case .day: type = "date YYYY-MM-DD"
            default: type = "text"
            }
            let defaultText: String
            switch field.defaultValue {
            case .missing: defaultText = "blank (undecided)"
            case .bool(let b): defaultText = b ? "true" : "false"
            case .number(let n): defaultText = formatNumber(n)
            case .text(let t): defaultText = t
            default: defaultText = "\(field.defaultValue)"
            }
            rows.append([
                field.name, type, field.choices.joined(separator: ", "), defaultText,
                field.blankMeans ?? "error (or roster_defaults:)",
            ])
        }
        for category in CostCategory.participant {
            rows.append(["need_\(category)", "dollars", "\(category.label) needed", "0", "0"])
        }
        rows.append(["x_…", "anything", "your own columns, ignored", "", ""])
        return rows
    }

    /// Every roster column: its type, its values, and what a blank means.
    static func columns() -> String {
        var out = """
            # Roster columns

            One row per applicant; `id` and `program` are required, every other column is optional
            (a missing column takes the default below). A blank cell in a column that decides
            eligibility is an error, unless the scenario lists the column under `roster_defaults:`.
            Money may be written `$4,200.00`; yes/no, true/false, Y/N and 1/0 are read in any case.
            Save from Excel as "CSV UTF-8 (Comma delimited)". Policies/FORMAT.md ("Participant
            fields") says what each field means in the rules.

            | column | type | values | default (column missing) | a blank cell |
            | --- | --- | --- | --- | --- |
            | `id` | text | unique | — | error |
            | `program` | text | a program id of the scenario | — | error |

            """
        for row in columnRows.dropFirst(2) where !row[0].hasPrefix("need_") && !row[0].hasPrefix("x_") {
            out += "| `\(row[0])` | \(row[1]) | \(row[2]) | \(row[3]) | \(row[4]) |\n"
        }
        for category in CostCategory.participant {
            out += "| `need_\(category)` | dollars | \(category.label) needed | 0 | 0 |\n"
        }
        return out + "| `x_…` | anything | your own columns, ignored | | |\n"
    }
}
