import BraidPolicy
import BraidScenario

/// Shared costs (`shared_costs:`), re-derived from the lines: each is paid in full exactly when
/// its scope runs, only by streams whose rules allow its category there, and no stream held to
/// its share of the benefit (federal or restricted money, 2 CFR 200.405(c)) pays more than that
/// share. The shares are computed here from the allocation lines alone.
extension Audit {
    mutating func checkSharedCosts() {
        let ids = Set(scenario.sharedCosts.map(\.id))
        for line in plan.sharedAllocations {
            guard ids.contains(line.owner) else {
                issues.append("shared allocation to unknown shared cost \(line.owner)")
                continue
            }
            guard let s = streamIndex[line.stream] else {
                issues.append("shared cost \(line.owner): stream \(line.stream) is not in the scenario")
                continue
            }
            byStream[s] += line.cents
        }
        let running = Set(
            scenario.programs.filter { program in
                plan.served.contains { analyses[$0]?.person.program == program.info.id }
                    || plan.programAllocations.contains { $0.owner == program.info.id }
            }.map(\.info.id))
        for cost in scenario.sharedCosts {
            let lines = plan.sharedAllocations.filter { $0.owner == cost.id }
            let paid = lines.reduce(Int64(0)) { $0 + $1.cents }
            let incurred = cost.program.map { running.contains($0) } ?? true
            if incurred && paid != cost.amount {
                issues.append("shared cost \(cost.id) (\(formatMoney(cost.amount))) is paid \(formatMoney(paid))")
            }
            if !incurred && paid != 0 {
                issues.append("shared cost \(cost.id): its program does not run, but it is paid \(formatMoney(paid))")
            }
            let payers = scenario.sharedPayers(cost)
            for line in lines where line.category != cost.category {
                issues.append(
                    "shared cost \(cost.id) is \(cost.category), but \(line.stream) pays it as \(line.category)")
            }
            for line in lines {
                guard let s = streamIndex[line.stream], !payers.contains(where: { $0.stream == s }) else { continue }
                issues.append("shared cost \(cost.id): \(line.stream) may not pay \(cost.category) here")
            }
            let shares = benefitShares(cost, running: running)
            for payer in payers where payer.heldToShare {
                let s = payer.stream
                let got = lines.filter { $0.stream == scenario.streams[s].id }.reduce(Int64(0)) { $0 + $1.cents }
                if got > shares[s] {
                    issues.append(
                        "shared cost \(cost.id): \(scenario.streams[s].id) pays \(formatMoney(got)), above its share of the benefit \(formatMoney(shares[s])) (2 CFR 200.405)"
                    )
                }
            }
        }
    }

    /// Each stream's share of `cost` in cents: the amount × its benefit / the basis total, the
    /// cents left over to the largest remainders (earlier streams first).
    private func benefitShares(_ cost: SharedCost, running: Set<String>) -> [Int64] {
        var benefit = [Double](repeating: 0, count: scenario.streams.count)
        var total = 0.0
        var byOwner: [String: [(Int, Int64)]] = [:]
        for line in plan.allocations {
            if let s = streamIndex[line.stream] { byOwner[line.owner, default: []].append((s, line.cents)) }
        }
        for id in plan.served {
            guard let person = analyses[id]?.person, cost.covers(program: person.program),
                let program = scenario.program(person.program), person.totalNeed > 0, let lines = byOwner[id]
            else { continue }
            let units: Double
            switch cost.basis {
            case .participants: units = 1
            case .hours: units = (program.info.clockHours * 100).rounded()
            case .direct_costs: units = Double(person.totalNeed)
            }
            total += units
            for (s, cents) in lines { benefit[s] += units * Double(cents) / Double(person.totalNeed) }
        }
        if cost.basis == .direct_costs {
            for line in plan.programAllocations where cost.covers(program: line.owner) && running.contains(line.owner) {
                guard let s = streamIndex[line.stream] else { continue }
                benefit[s] += Double(line.cents)
                total += Double(line.cents)
            }
        }
        guard total > 0 else { return benefit.map { _ in 0 } }
        let exact = benefit.map { Double(cost.amount) * $0 / total }
        var shares = exact.map { Int64(($0 + 1e-7).rounded(.down)) }
        var left = cost.amount - shares.reduce(0, +)
        for s in exact.indices.sorted(by: { a, b in
            let (ra, rb) = (exact[a] - Double(shares[a]), exact[b] - Double(shares[b]))
            return abs(ra - rb) > 1e-9 ? ra > rb : a < b
        }) where left > 0 && benefit[s] > 0 {
            shares[s] += 1
            left -= 1
        }
        return shares
    }
}
