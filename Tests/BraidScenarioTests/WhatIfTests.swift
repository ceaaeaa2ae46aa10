import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

@Suite struct WhatIfTests {
    static let whatIfs = ((try? FileManager.default.contentsOfDirectory(atPath: "\(scenariosPath)/what-if")) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    /// Every recommendation of the brief, one file each; dedicated partnership funding is the
    /// `partnership/` folder (``partnershipFundingAgainstParticipantMoney(_:)``).
    @Test func everyBriefRecommendationIsShipped() {
        #expect(
            Self.whatIfs == [
                "apprenticeship-through-sector-partnerships.yaml", "h1b-technical-skills-training.yaml",
                "perkins-cte-alignment.yaml", "snap-et-50-50-expansion.yaml", "state-sector-partnership-fund.yaml",
                "taaccct-college-partnership-grant.yaml", "tanf-aligned-with-sector-partnerships.yaml",
                "wioa-work-based-learning-priority.yaml",
            ])
    }

    /// The yardstick: new budget money per extra person and per extra expected placement.
    @Test func yardstickDividesNewMoneyByWhatItBuys() throws {
        let (baseline, changed) = try WhatIf.load(
            scenario: nil, whatIf: "\(scenariosPath)/what-if/h1b-technical-skills-training.yaml", policies: policies,
            overrides: [])
        let (a, b) = try Planner.compare(baseline, changed)
        let c = Comparison(baseline: a, whatIf: b, baselineScenario: baseline, whatIfScenario: changed)
        let y = c.yardstick
        let added =
            (changed.stream("h1b-ready-to-work")?.budget ?? 0) - (baseline.stream("h1b-ready-to-work")?.budget ?? 0)
        #expect(y.newCents == added && added > 0)
        #expect(y.perPerson == added / Int64(b.served.count - a.served.count))
        let placements = b.review.outcomes!.overall.placements - a.review.outcomes!.overall.placements
        #expect(y.perPlacement == Int64((Double(added) / placements).rounded()))
        #expect(c.table().contains("Yardstick: \(formatDollars(added)) of new money; "))
    }

    @Test(arguments: whatIfs)
    func whatIfComparesAgainstItsBase(_ file: String) throws {
        let (baseline, changed) = try WhatIf.load(
            scenario: nil, whatIf: "\(scenariosPath)/what-if/\(file)", policies: policies, overrides: [])
        #expect(baseline.participants.map(\.id) == changed.participants.map(\.id))
        let before = try Planner.plan(baseline), after = try Planner.plan(changed)
        #expect(Verifier.violations(of: after, scenario: changed).isEmpty)
        #expect(after.weightedServed >= before.weightedServed)
        #expect(after.served.count > before.served.count, "\(file): the recommendation should serve more people")
        let comparison = Comparison(
            baseline: before, whatIf: after, baselineScenario: baseline, whatIfScenario: changed)
        #expect(comparison.gained.count >= after.served.count - before.served.count)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(comparison.json().utf8)) as? [String: Any])
        #expect(json["baseline"] != nil && json["whatif"] != nil && json["changes"] != nil)
        #expect(comparison.table().contains("people served"))
    }

    /// The brief's central ask, modelled for two case studies: the convener's staff as a shared
    /// cost paid from today's streams serves fewer than the case study; dedicated partnership
    /// money pays all of it and serves at least as many as the same money for participants;
    /// every plan verifies, and no federal stream pays above its share.
    @Test(arguments: ["atlanta", "houston"])
    func partnershipFundingAgainstParticipantMoney(_ site: String) throws {
        let folder = "\(scenariosPath)/what-if/partnership"
        func plan(_ file: String) throws -> (Plan, Scenario) {
            let scenario = try Scenario.load(path: "\(folder)/\(file)-\(site).yaml", policies: policies)
            let plan = try Planner.plan(scenario)
            #expect(Verifier.violations(of: plan, scenario: scenario).isEmpty, "\(file)-\(site)")
            return (plan, scenario)
        }
        let (unfunded, _) = try plan("convener")
        let caseStudy = site == "atlanta" ? "atlanta-healthcare" : "houston-women-construction"
        let base = try Planner.plan(try Scenario.load(path: "\(scenariosPath)/\(caseStudy)", policies: policies))
        #expect(unfunded.served.count < base.served.count)
        let cost = try #require(unfunded.review.sharedCosts.first)
        #expect(cost.incurred && unfunded.sharedAllocations.reduce(0) { $0 + $1.cents } == cost.amount)
        for share in cost.streams where share.held { #expect(share.paid <= share.share, "\(share.stream)") }
        let (funded, _) = try plan("convener-funded")
        let (participants, _) = try plan("money-to-participants")
        #expect(funded.served.count > unfunded.served.count)
        #expect(funded.sharedAllocations.allSatisfy { $0.stream.hasSuffix("partnership-capacity-fund") })
        #expect(funded.served.count >= participants.served.count)
    }

    /// A rule change shows in the eligibility pools even when money decides who is served: a
    /// higher TANF income limit grows TANF's pool and no other; a removed stream has no what-if
    /// side (null in JSON, "—" in the table).
    @Test func eligibilityPoolsShowARuleChange() throws {
        let (baseline, richer) = try WhatIf.load(
            scenario: "\(scenariosPath)/houston-women-construction", whatIf: nil, policies: policies,
            overrides: ["tanf.income_limit_fpl_percent=250"])
        let plan = try Planner.plan(baseline)
        let c = Comparison(baseline: plan, whatIf: plan, baselineScenario: baseline, whatIfScenario: richer)
        for pool in c.eligible {
            let (a, b) = (try #require(pool.baseline), try #require(pool.whatIf))
            #expect(pool.id == "tanf" ? b > a : b == a, "\(pool.id): \(a) → \(b)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.json().utf8)) as? [String: Any])
        let changes = try #require(json["changes"] as? [String: Any])
        let pools = try #require(changes["eligible"] as? [String: [String: Int]])
        #expect(pools["tanf"]?["whatif"] == c.eligible.first { $0.id == "tanf" }?.whatIf)
        #expect(c.table().contains("Applicants eligible by stream") && c.csv().contains("\neligible,tanf,"))

        let folder = try Scratch.newFolder("braid-pools")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.yaml").path
        try "base: \(scenariosPath)/houston-women-construction\nremove_streams: [tanf]\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let (_, removed) = try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        let d = Comparison(baseline: plan, whatIf: plan, baselineScenario: baseline, whatIfScenario: removed)
        #expect(d.eligible.first { $0.id == "tanf" }.map { $0.baseline != nil && $0.whatIf == nil } == true)
        #expect(
            d.json().contains(
                "\"tanf\": {\"baseline\": \(d.eligible.first { $0.id == "tanf" }!.baseline!), \"whatif\": null}"))
    }

    /// The headline says what changed, what it bought and what binds — in the table, JSON and CSV.
    @Test func headlineSaysWhatChangedAndWhatBinds() throws {
        let (baseline, richer) = try WhatIf.load(
            scenario: "\(scenariosPath)/houston-women-construction", whatIf: nil, policies: policies,
            overrides: ["tanf.income_limit_fpl_percent=250"])
        let plans = try Planner.compare(baseline, richer)
        let c = Comparison(
            baseline: plans.baseline, whatIf: plans.whatIf, baselineScenario: baseline, whatIfScenario: richer)
        let pool = try #require(c.eligible.first { $0.id == "tanf" })
        #expect(
            c.headline.hasPrefix(
                "tanf.income_limit_fpl_percent=250: tanf-eligible applicants \(pool.baseline!) → \(pool.whatIf!), ")
        )
        #expect(c.headline.contains(" money is the limit ("), "\(c.headline)")
        #expect(c.table().contains(c.headline) && c.csv().contains("headline,,,,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.json().utf8)) as? [String: Any])
        #expect((json["changes"] as? [String: Any])?["headline"] as? String == c.headline)

        // Money that cannot help: a new fund for a category nobody lacks.
        let folder = try Scratch.newFolder("braid-head")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.yaml").path
        try
            "base: \(scenariosPath)/default\nstreams: {supports: {kind: nonfederal, budget: 100000, allowable: [coaching]}}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (base, fund) = try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        let (a, b) = try Planner.compare(base, fund)
        let d = Comparison(baseline: a, whatIf: b, baselineScenario: base, whatIfScenario: fund)
        #expect(d.gained.isEmpty && d.lost.isEmpty)
        #expect(
            d.headline.hasPrefix("+$100,000 added (new supports): $0 of it used, 0 more served (\(a.served.count)); "),
            "\(d.headline)")
    }

    /// A what-if that changes the goals, not the money, says so, with the outcome it moves
    /// (issue 20: what-ifs may change `objective:` and `targets:`).
    @Test func headlineSaysWhenTheGoalsChange() throws {
        let folder = try Scratch.newFolder("braid-goal")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.yaml").path
        try """
        base: \(scenariosPath)/oregon-maritime-welding
        objective: {maximize: placements}
        targets:
          - {label: women, when: 'sex == "F"', at_least: 10}

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (base, goals) = try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        let (a, b) = try Planner.compare(base, goals)
        let c = Comparison(baseline: a, whatIf: b, baselineScenario: base, whatIfScenario: goals)
        #expect(
            c.headline.hasPrefix(
                "objective people → placements, target 'women' added, target 'applicants who need child care' removed: "
            ), "\(c.headline)")
        let before = try #require(a.review.outcomes?.overall.placements)
        let after = try #require(b.review.outcomes?.overall.placements)
        #expect(c.headline.contains("expected placements \(Headline.amount(before)) → \(Headline.amount(after))"))
        #expect(after >= before - 1e-9)
    }

    @Test func setOnlyComparisonAndRemovedStreams() throws {
        let (baseline, changed) = try WhatIf.load(
            scenario: "\(scenariosPath)/default", whatIf: nil, policies: policies,
            overrides: ["wioa-adult.budget=20000"])
        #expect(changed.stream("wioa-adult")?.budget == 2_000_000)
        #expect(baseline.stream("wioa-adult")?.budget == 900_000)
        let folder = try Scratch.newFolder("braid-whatif")
        let path = folder.appendingPathComponent("w.yaml").path
        try "base: \(scenariosPath)/default\nname: no perkins\nremove_streams: [perkins]\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let (_, removed) = try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        #expect(removed.stream("perkins") == nil)
        #expect(!removed.useOrder.contains("perkins"))
        try "base: \(scenariosPath)/default\nremove_streams: [perkinz]\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputErrors.self) {
            try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        }
    }

    /// `participants:` in a what-if plans another roster, named relative to the what-if's own
    /// file (not the base's); a what-if on it keeps it; a roster not found is named by its path.
    @Test func aWhatIfPlansAnotherRosterNamedRelativeToItself() throws {
        let folder = try Scratch.newFolder("braid-whatif-roster")
        let lines = try String(contentsOfFile: "\(scenariosPath)/default/participants.csv", encoding: .utf8)
            .split(separator: "\n")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("ifs/rosters"), withIntermediateDirectories: true)
        try (lines[0...5].joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("ifs/rosters/five.csv"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("ifs/w.yaml").path
        try "base: \(scenariosPath)/default\nparticipants: rosters/five.csv\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let (baseline, changed) = try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        #expect(baseline.participants.count == 12)
        #expect(changed.participants.map(\.id) == lines[1...5].map { String($0.prefix { $0 != "," }) }.sorted())
        #expect(changed.rosterFile == folder.appendingPathComponent("ifs/rosters/five.csv").path)
        // A what-if on that what-if, from another folder: the roster stays the one it named.
        let on = folder.appendingPathComponent("on.yaml").path
        try "base: ifs/w.yaml\nset: {wioa-adult.budget: 1000}\n".write(toFile: on, atomically: true, encoding: .utf8)
        let (_, stacked) = try WhatIf.load(scenario: nil, whatIf: on, policies: policies, overrides: [])
        #expect(stacked.participants.count == 5 && stacked.stream("wioa-adult")?.budget == 1000_00)
        try "base: \(scenariosPath)/default\nname: x\nparticipants: rosters/none.csv\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
        } throws: { error in
            "\(error)".hasSuffix("ifs/rosters/none.csv: file not found")
        }
    }

    @Test func marginalValuesAgreeWithAFiniteDifferenceWithinFivePercent() throws {
        var checked = 0
        for name in ["default", "atlanta-healthcare", "oregon-maritime-welding"] {
            let scenario = try Scenario.load(path: "\(scenariosPath)/\(name)", policies: policies)
            // (Priority of service off on both sides: with it, marginal values are those of the
            // gates the plan fixes; this checks the duals, not the order.)
            var options = PlanOptions()
            options.waivedPriority = Set(scenario.streams.map(\.id))
            let plan = try Planner.plan(scenario, options: options)
            let f = try Formulation(scenario: scenario, analyses: scenario.analyze(), priorities: [])
            let lp = try GLPKSolver().solve(f.model, options: SolveOptions(relaxIntegrality: true))
            for (s, row) in f.budgetRows.enumerated() {
                guard let row else { continue }
                // Independent check: a cold re-solve with $25 more.
                var bigger = f.model
                bigger.setBound(row, .atMost(f.model.rowUpper[row.index] + 25))
                let again = try GLPKSolver().solve(bigger, options: SolveOptions(relaxIntegrality: true))
                let difference = (again.objectiveValue - lp.objectiveValue) / 25
                let reported = plan.streams[s].marginalValue
                #expect(
                    abs(difference - reported) <= 0.05 * max(reported, 1e-9) + 1e-9,
                    "\(name) \(scenario.streams[s].id): reported \(reported) vs \(difference)")
                if reported > 0 { checked += 1 }
            }
        }
        #expect(checked >= 4)
    }

    @Test func sweepIsMonotoneVerifiedAndMatchesSeparateRuns() throws {
        let axis = try SweepAxis("wioa-adult.budget=0:20000:5000")
        #expect(axis.values == [0, 5000, 10000, 15000, 20000])
        let points = try Sweeper.run(
            path: "\(scenariosPath)/default", policies: policies, overrides: [], axes: [axis], options: PlanOptions())
        #expect(points.count == 5)
        for (a, b) in zip(points, points.dropFirst()) { #expect(b.plan.weightedServed >= a.plan.weightedServed) }
        for point in points {
            let scenario = try Scenario.load(
                path: "\(scenariosPath)/default", policies: policies,
                overrides: ["wioa-adult.budget=\(Int(point.values[0]))"])
            #expect(Verifier.violations(of: point.plan, scenario: scenario).isEmpty)
            #expect(try Planner.plan(scenario).weightedServed == point.plan.weightedServed)
        }
        let csv = SweepReport.csv([axis], points)
        #expect(csv.hasPrefix("wioa-adult.budget,served,weighted_served,status,"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SweepReport.json([axis], points).utf8)) as? [String: Any])
        #expect(json["parameter"] as? String == "wioa-adult.budget")
        // A parameter sweep reloads the scenario at each point.
        let cap = try Sweeper.run(
            path: "\(scenariosPath)/default", policies: policies, overrides: [],
            axes: [try SweepAxis("wioa-adult.ita_cap=1000:5000:2000")], options: PlanOptions())
        #expect(cap.count == 3)
        #expect(throws: InputError.self) { try SweepAxis("wioa-adult.budget=10:0:1") }
    }
}
