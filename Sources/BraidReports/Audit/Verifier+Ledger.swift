import BraidPolicy
import BraidScenario
import Foundation

/// The partnership ledger a result states, re-derived from its allocation lines and the
/// scenario's streams, partners and in-kind contributions (not from the planner's ledger code).
extension Audit {
    mutating func checkLedger() {
        guard plan.statesLedger else { return }
        let stated = plan.review.ledger
        var participant = [Int64](repeating: 0, count: scenario.streams.count)
        var program = participant
        var shared = participant
        for line in plan.allocations { if let s = streamIndex[line.stream] { participant[s] += line.cents } }
        for line in plan.programAllocations { if let s = streamIndex[line.stream] { program[s] += line.cents } }
        for line in plan.sharedAllocations { if let s = streamIndex[line.stream] { shared[s] += line.cents } }
        for s in program.indices { program[s] += shared[s] + indirectCharge(s) }  // (totals count them too)
        var federal: Int64 = 0, nonfederal: Int64 = 0
        for (s, stream) in scenario.streams.enumerated() {
            if stream.kind == .federal {
                federal += participant[s] + program[s]
            } else {
                nonfederal += participant[s] + program[s]
            }
            guard let line = stated.streams.first(where: { $0.stream == stream.id }) else {
                issues.append("the ledger does not list stream \(stream.id)")
                continue
            }
            let match = scenario.inKind.filter { $0.countsAsMatchFor.contains(stream.id) }.reduce(Int64(0)) {
                $0 + $1.value
            }
            if line.participantCosts != participant[s]
                || line.programCosts + line.sharedCosts + line.indirect != program[s]
                || line.sharedCosts != shared[s] || line.indirect != indirectCharge(s) || line.inKindMatch != match
                || line.partner != stream.partner || line.kind != stream.kind
            {
                issues.append(
                    "the ledger's line for \(stream.id) (participants \(formatMoney(line.participantCosts)), programs \(formatMoney(line.programCosts)), shared \(formatMoney(line.sharedCosts)), in-kind match \(formatMoney(line.inKindMatch))) is not what the lines and the scenario give (participants \(formatMoney(participant[s])), programs and shared \(formatMoney(program[s])), shared \(formatMoney(shared[s])), in-kind match \(formatMoney(match)))"
                )
            }
        }
        for line in stated.streams where streamIndex[line.stream] == nil {
            issues.append("the ledger lists \(line.stream), which is not in the scenario")
        }
        let inKind = scenario.inKind.reduce(Int64(0)) { $0 + $1.value }
        if stated.federal != federal || stated.nonfederal != nonfederal || stated.inKindTotal != inKind {
            issues.append(
                "the ledger's totals (federal \(formatMoney(stated.federal)), non-federal \(formatMoney(stated.nonfederal)), in-kind \(formatMoney(stated.inKindTotal))) are not the lines' (\(formatMoney(federal)), \(formatMoney(nonfederal)), \(formatMoney(inKind)))"
            )
        }
        checkLeverage("the plan", stated.leverage, nonfederal + inKind, federal)
        for partner in scenario.partners {
            guard let line = stated.partners.first(where: { $0.partner.id == partner.id }) else {
                issues.append("the ledger does not list partner \(partner.id)")
                continue
            }
            let mine = scenario.streams.indices.filter { scenario.streams[$0].partner == partner.id }
            let cash = mine.filter { scenario.streams[$0].kind != .federal }.reduce(Int64(0)) {
                $0 + participant[$1] + program[$1]
            }
            let fed = mine.filter { scenario.streams[$0].kind == .federal }.reduce(Int64(0)) {
                $0 + participant[$1] + program[$1]
            }
            let given = scenario.inKind.filter { $0.partner == partner.id }.reduce(Int64(0)) { $0 + $1.value }
            if line.federal != fed || line.nonfederal != cash || line.inKind != given {
                issues.append(
                    "the ledger's line for partner \(partner.id) is not what its streams and in-kind give (federal \(formatMoney(fed)), non-federal \(formatMoney(cash)), in-kind \(formatMoney(given)))"
                )
            }
            checkLeverage("partner \(partner.id)", line.leverage, cash + given, federal)
        }
    }

    /// A stream's indirect cost from its lines: the rate × its spending on the base categories,
    /// in cents rounded down (0 when it charges none).
    func indirectCharge(_ s: Int) -> Int64 {
        guard let indirect = scenario.indirect, indirect.streams.contains(scenario.streams[s].id) else { return 0 }
        let id = scenario.streams[s].id
        let base = (plan.allocations + plan.programAllocations + plan.sharedAllocations).filter {
            $0.stream == id && indirect.base.contains($0.category)
        }.reduce(Int64(0)) { $0 + $1.cents }
        return Int64((indirect.rate * Double(base) + 1e-6).rounded(.down))
    }

    /// A leverage ratio: non-federal (cash and in-kind) per federal dollar; null without federal money.
    private mutating func checkLeverage(_ who: String, _ stated: Double?, _ nonfederal: Int64, _ federal: Int64) {
        let expected = federal > 0 ? Double(nonfederal) / Double(federal) : nil
        switch (stated, expected) {
        case (nil, nil): return
        case (let s?, let e?) where abs(s - e) <= 1e-9 * max(1, abs(e)): return
        default:
            issues.append(
                "\(who)'s leverage is \(stated.map { String($0) } ?? "null"), but the lines give \(expected.map { String($0) } ?? "null (no federal money)")"
            )
        }
    }
}
