import BraidPolicy
import BraidScenario
import Testing

@testable import BraidReports

@Suite struct MarginalTextTests {
    func stream(budget: Int64?, used: Int64, value: Double, range: Double? = nil, average: Double? = nil) -> StreamUse {
        StreamUse(
            id: "s", budget: budget, used: used, marginalValue: value, marginalRange: range, marginalAverage: average)
    }

    /// The trial's three complaints: scientific notation, "does not bind" for a stream spent to
    /// the cent, and a slope promised without its range.
    @Test func eachCaseInPlainWords() {
        #expect(
            MarginalText.describe(stream(budget: 100_000, used: 100_000, value: 0))
                == "fully used, but not the limit: more of it serves no one more")
        #expect(MarginalText.describe(stream(budget: 100_000, used: 40_000, value: 0)) == "not the limit: $600 left")
        #expect(MarginalText.describe(stream(budget: nil, used: 5, value: 0)) == "entitlement: no budget to add to")
        #expect(MarginalText.describe(stream(budget: 1, used: 1, value: .nan)) == "not computed (time limit)")
        // 1 per $3,384 over $95,000 → 2.95 per $10,000 (step: the round amount serving ≥ 2).
        #expect(
            MarginalText.describe(stream(budget: 1, used: 1, value: 1 / 3_384.0, range: 95_000, average: 1 / 3_384.0))
                == "each extra $10,000 serves about 3 more people, up to about $95,000 more")
        // Diminishing returns: the average over the range, not the first slope.
        #expect(
            MarginalText.describe(stream(budget: 1, used: 1, value: 1 / 3_384.0, range: 95_000, average: 17 / 95_000.0))
                == "each extra $20,000 serves about 3.6 more people, up to about $95,000 more")
        #expect(
            MarginalText.describe(stream(budget: 1, used: 1, value: 2.9e-05, range: nil))
                == "each extra $100,000 serves about 2.9 more people (for small changes)")
        #expect(
            MarginalText.describe(stream(budget: 1, used: 1, value: 1 / 5_000.0, range: 3_000, average: 1 / 5_000.0))
                == "the limit, but up to $3,000 more buys only 0.6 of one more person")
        #expect(
            MarginalText.describe(
                stream(budget: 1, used: 1, value: 1 / 600.0, range: 6_000, average: 1 / 600.0), measure: .placements)
                == "each extra $2,000 serves about 3.3 more expected placements, up to about $6,000 more")
        #expect(
            MarginalText.describe(stream(budget: 1, used: 1, value: 1 / 600.0, range: 1_000, average: 1 / 600.0))
                == "about 1.7 more people for up to $1,000 more")
        #expect(MarginalText.short(stream(budget: 1, used: 1, value: 2.9e-05)) == "+2.9 per $100,000")
    }

    @Test func numbersNeverUseExponents() {
        #expect(NumberText.significant(2.9e-05) == "0.000029")
        #expect(NumberText.significant(0.00018) == "0.00018")
        #expect(NumberText.significant(1234) == "1200")
        #expect(NumberText.significant(9.96) == "10")
        #expect(NumberText.twoSignificant(95_432) == 95_000)
        #expect(formatDollars(768_049) == "$7,680")
        #expect(formatDollars(-150) == "-$2")
        #expect(formatDollars(49) == "$0")
        // JSON and CSV too: ten significant digits in plain decimals.
        #expect(ResultJSON.number(2.9e-05) == "0.000029")
        #expect(ResultJSON.number(1.234567891234e-07) == "0.0000001234567891")
        #expect(ResultJSON.number(0.000184168846) == "0.000184168846")
        #expect(ResultJSON.number(3) == "3.0")
    }
}
