import BraidPolicy

/// One stream's line of the partnership ledger: what it pays, by kind of cost.
public struct StreamLedger: Sendable, Equatable {
    public let stream: String
    public let kind: StreamKind
    public let partner: String?
    /// Participants' costs it pays (tuition, supports, wages …), in cents.
    public let participantCosts: Int64
    /// Programs' (cohorts') costs it pays, in cents.
    public let programCosts: Int64
    /// Shared costs it pays (`shared_costs:`), in cents.
    public let sharedCosts: Int64
    /// Its indirect cost (`indirect:`): rate × its spending on the base categories, in cents.
    public var indirect: Int64 = 0
    /// In-kind value claimed as its match, in cents.
    public let inKindMatch: Int64
    public var total: Int64 { participantCosts + programCosts + sharedCosts + indirect }

    public init(
        stream: String, kind: StreamKind, partner: String?, participantCosts: Int64, programCosts: Int64,
        sharedCosts: Int64 = 0, inKindMatch: Int64
    ) {
        self.stream = stream
        self.kind = kind
        self.partner = partner
        self.participantCosts = participantCosts
        self.programCosts = programCosts
        self.sharedCosts = sharedCosts
        self.inKindMatch = inKindMatch
    }
}

/// One partner's line: the cash its streams spend, by kind of money, its in-kind, and its
/// leverage: (non-federal cash + in-kind) per federal dollar of the whole plan, so the partners'
/// leverage adds up to the plan's.
public struct PartnerLedger: Sendable, Equatable {
    public let partner: Partner
    public let federal: Int64
    public let nonfederal: Int64
    public let inKind: Int64
    /// Nil when the plan spends no federal money.
    public let leverage: Double?

    public init(partner: Partner, federal: Int64, nonfederal: Int64, inKind: Int64, leverage: Double?) {
        self.partner = partner
        self.federal = federal
        self.nonfederal = nonfederal
        self.inKind = inKind
        self.leverage = leverage
    }
}

/// The partnership ledger of a plan (docs/DESIGN.md, "The partnership ledger"): each stream's
/// participant and program costs, each partner's cash and in-kind, and the leverage ratio
/// (non-federal cash spent plus in-kind value, per federal dollar spent; Pell counts as federal).
/// Derived from the plan's allocation lines and the scenario alone.
public struct PlanLedger: Sendable, Equatable {
    public var streams: [StreamLedger]
    public var partners: [PartnerLedger]
    public var inKind: [InKindContribution]
    public var federal: Int64
    public var nonfederal: Int64
    public var inKindTotal: Int64
    /// Nil when the plan spends no federal money.
    public var leverage: Double?

    public init(
        streams: [StreamLedger], partners: [PartnerLedger], inKind: [InKindContribution], federal: Int64,
        nonfederal: Int64, inKindTotal: Int64, leverage: Double?
    ) {
        self.streams = streams
        self.partners = partners
        self.inKind = inKind
        self.federal = federal
        self.nonfederal = nonfederal
        self.inKindTotal = inKindTotal
        self.leverage = leverage
    }

    public static let empty = PlanLedger(
        streams: [], partners: [], inKind: [], federal: 0, nonfederal: 0, inKindTotal: 0, leverage: nil)
}

extension Scenario {
    /// The ledger of a plan with these allocation lines.
    public func ledger(
        allocations: [Allocation], programAllocations: [Allocation], sharedAllocations: [Allocation] = []
    ) -> PlanLedger {
        let index = Dictionary(uniqueKeysWithValues: streams.enumerated().map { ($1.id, $0) })
        var participant = [Int64](repeating: 0, count: streams.count)
        var program = [Int64](repeating: 0, count: streams.count)
        var shared = [Int64](repeating: 0, count: streams.count)
        for line in allocations { if let s = index[line.stream] { participant[s] += line.cents } }
        for line in programAllocations { if let s = index[line.stream] { program[s] += line.cents } }
        for line in sharedAllocations { if let s = index[line.stream] { shared[s] += line.cents } }
        let charges = indirect?.charges(allocations + programAllocations + sharedAllocations) ?? [:]
        let lines = streams.enumerated().map { s, stream in
            var line = StreamLedger(
                stream: stream.id, kind: stream.kind, partner: stream.partner, participantCosts: participant[s],
                programCosts: program[s], sharedCosts: shared[s],
                inKindMatch: inKind.filter { $0.countsAsMatchFor.contains(stream.id) }.reduce(0) { $0 + $1.value })
            line.indirect = charges[stream.id]?.indirect ?? 0
            return line
        }
        func spent(_ federal: Bool, partner: String? = nil) -> Int64 {
            lines.filter { ($0.kind == .federal) == federal && (partner == nil || $0.partner == partner) }.reduce(0) {
                $0 + $1.total
            }
        }
        let federal = spent(true), nonfederal = spent(false)
        let inKindTotal = inKind.reduce(Int64(0)) { $0 + $1.value }
        func ratio(_ cents: Int64) -> Double? { federal > 0 ? Double(cents) / Double(federal) : nil }
        let partnerLines = partners.map { p in
            let cash = spent(false, partner: p.id)
            let given = inKind.filter { $0.partner == p.id }.reduce(Int64(0)) { $0 + $1.value }
            return PartnerLedger(
                partner: p, federal: spent(true, partner: p.id), nonfederal: cash, inKind: given,
                leverage: ratio(cash + given))
        }
        return PlanLedger(
            streams: lines, partners: partnerLines, inKind: inKind, federal: federal, nonfederal: nonfederal,
            inKindTotal: inKindTotal, leverage: ratio(nonfederal + inKindTotal))
    }
}
