import BraidPolicy
import BraidScenario
import Foundation

/// The result's partnership ledger (absent from results written before it existed), read as
/// stated so that `verify` can re-derive it from the lines and the scenario.
extension ResultReader {
    static func ledger(_ object: [String: Any], file path: String) throws(InputError) -> PlanLedger? {
        guard let any = object["ledger"] else { return nil }
        guard let l = any as? [String: Any] else {
            throw InputError(file: path, key: "ledger", reason: "not an object")
        }
        func ratio(_ any: Any?, _ key: String) throws(InputError) -> Double? {
            if any == nil || any is NSNull { return nil }
            guard let n = any as? NSNumber, String(cString: n.objCType) != "c", n.doubleValue.isFinite else {
                throw InputError(file: path, key: key, reason: "a leverage ratio is a number or null")
            }
            return n.doubleValue
        }
        var streams: [StreamLedger] = []
        for (n, item) in ((l["streams"] as? [Any]) ?? []).enumerated() {
            let key = "ledger.streams[\(n)]"
            guard let s = item as? [String: Any], let id = s["id"] as? String else {
                throw InputError(file: path, key: key, reason: "needs id, kind and the amounts")
            }
            let participant = try money(s["participant_costs"], key + ".participant_costs", file: path)
            let program = try money(s["program_costs"], key + ".program_costs", file: path)
            let shared = s["shared_costs"] == nil ? 0 : try money(s["shared_costs"], key + ".shared_costs", file: path)
            let indirect = s["indirect"] == nil ? 0 : try money(s["indirect"], key + ".indirect", file: path)
            let total = try money(s["total"], key + ".total", file: path)
            guard total == participant + program + shared + indirect else {
                throw InputError(
                    file: path, key: key + ".total",
                    reason: "is not participant_costs + program_costs + shared_costs + indirect")
            }
            var line =
                StreamLedger(
                    stream: id, kind: StreamKind(rawValue: s["kind"] as? String ?? "") ?? .federal,
                    partner: s["partner"] as? String, participantCosts: participant, programCosts: program,
                    sharedCosts: shared, inKindMatch: try money(s["in_kind_match"], key + ".in_kind_match", file: path))
            line.indirect = indirect
            streams.append(line)
        }
        var partners: [PartnerLedger] = []
        for (n, item) in ((l["partners"] as? [Any]) ?? []).enumerated() {
            let key = "ledger.partners[\(n)]"
            guard let p = item as? [String: Any], let id = p["id"] as? String else {
                throw InputError(file: path, key: key, reason: "needs id and the amounts")
            }
            partners.append(
                PartnerLedger(
                    partner: Partner(id: id, name: p["name"] as? String ?? id, role: p["role"] as? String),
                    federal: try money(p["federal"], key + ".federal", file: path),
                    nonfederal: try money(p["nonfederal"], key + ".nonfederal", file: path),
                    inKind: try money(p["in_kind"], key + ".in_kind", file: path),
                    leverage: try ratio(p["leverage"], key + ".leverage")))
        }
        return PlanLedger(
            streams: streams, partners: partners, inKind: [],
            federal: try money(l["federal"], "ledger.federal", file: path),
            nonfederal: try money(l["nonfederal"], "ledger.nonfederal", file: path),
            inKindTotal: try money(l["in_kind"], "ledger.in_kind", file: path),
            leverage: try ratio(l["leverage"], "ledger.leverage"))
    }
}
