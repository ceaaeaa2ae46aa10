import Testing

@testable import BraidScenario

/// `inHalves` writes both halves straight into one array: the result is `map`'s, in order, for
/// slices that start anywhere, odd and even counts, and below the threshold.
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 2, 3, 4_999, 5_000, 5_001])
    func inHalvesIsMapInOrder(_ count: Int) {
        let all = (0..<(count + 7)).map { "item \($0)" }
        let slice = all[7...]
        #expect(slice.startIndex == 7)
        let expected = slice.map { $0.uppercased() + "!" }
        #expect(inHalves(slice, from: 2, { $0.uppercased() + "!" }) == expected)
        #expect(inHalves(Array(slice), from: 2, { $0.uppercased() + "!" }) == expected)
        #expect(inHalves(slice, from: .max, { $0.uppercased() + "!" }) == expected)
    }
}
