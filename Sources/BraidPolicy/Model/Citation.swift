/// What kind of authority a fact rests on, shown by `braid policies` (Policies/FORMAT.md).
public enum FactStatus: String, Sendable, CaseIterable {
    /// A statute (U.S. Code, an Act, appropriations law), read in its text or a faithful copy.
    case law
    /// A federal regulation (CFR).
    case regulation
    /// Federal agency guidance or a grant's announcement and terms (TEGL, FNS memo, DCL, FOA).
    case guidance
    /// A choice the law leaves to the state, the local board or the grantee; a parameter a
    /// scenario sets, with its range.
    case stateOption = "state option"
    /// The model's own reading or an unverified fact: overridable, never law.
    case assumption

    /// The old labels, with the label that replaces each (for a clear load error).
    static let retired = [
        "partial": "law, regulation or guidance (by the source), else assumption", "default": "state option",
    ]
}

/// A title and an address.
public struct Reference: Sendable, Equatable {
    public let title: String
    public let href: String
}

/// Where a rule or parameter comes from.
public struct Citation: Sendable {
    /// The legal cite, e.g. `20 CFR 680.230` (may be empty for a default or assumption).
    public let text: String
    public let status: FactStatus
    public let note: String?
    public let references: [Reference]
}
