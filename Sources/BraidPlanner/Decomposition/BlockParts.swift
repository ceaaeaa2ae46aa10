/// An entry of a variable (or a pattern) in one of the formulation's linking rows.
struct LinkEntry: Hashable, Sendable {
    /// The linking row's position in ``Formulation/linkingRows``.
    let row: Int32
    let coefficient: Double
}

/// One cost category of a participant's block: its payers' local cells (a range of the block's
/// cells) and the need, in cents, that they must pay together.
struct CategoryNeed: Hashable, Sendable {
    let cells: Range<Int>
    let need: Int64
}

/// An entitlement-first row of a participant: cells (local to a block, or global in the
/// formulation) that must pay at least `amount` cents.
struct FirstRow: Hashable, Sendable {
    let cells: [Int]
    let amount: Int64
}

/// What a variable of the formulation is to the decomposition: a participant's cell, a
/// participant's served variable, a shared (run, program-cost or gate) variable, or none of
/// these. Each carries its position among its kind.
enum VariableRole {
    case cell(Int32)
    case served(Int32)
    case extra(Int32)
    case other
}
