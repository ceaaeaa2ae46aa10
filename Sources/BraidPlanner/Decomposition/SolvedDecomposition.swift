/// Phase 1 as the decomposition solved it: the decomposition and its column generation's
/// final master (patterns, basis, duals), which phase 2, the marginal values and the next
/// solve's hint read.
struct SolvedDecomposition {
    let decomposition: Decomposition
    let master: ColumnGeneration
}
