import Foundation
import Testing

@testable import BraidPolicy

@Suite struct FieldParsingTests {
    /// The fast trim used for every roster cell matches Foundation's `.whitespaces` trim exactly.
    @Test func trimMatchesFoundation() {
        let samples = [
            "", " ", "\t", "  42  ", "\t$1,200.50\t", "\u{00A0}7\u{00A0}", "\u{3000}yes\u{2003}", "a b", " a\u{00A0}b ",
            "\n5\n", " \r\n", "é ", " ñ", "\u{200B}x\u{200B}", "\u{202F}\u{205F}12\u{1680}",
        ]
        for s in samples {
            #expect(s.trimmedOfWhitespace == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map(\.value))")
        }
        var differing: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if String.isTrimmedSpace(u) != CharacterSet.whitespaces.contains(u) { differing.append(v) }
        }
        #expect(differing.isEmpty, "scalars classified differently: \(differing.prefix(20))")
    }

    /// The plain-amount fast path reads exactly what the full path reads: a leading space sends
    /// the same text through the full path (it trims), so the two are compared on every shape
    /// of plain amount, at the edges of two decimals and of $10 trillion.
    @Test func plainAmountsReadAsTheFullPathReadsThem() throws {
        #expect(try parseMoney("1363.17").get() == 136_317)
        #expect(try parseMoney("5.").get() == 500)
        #expect(try parseMoney(".5").get() == 50)
        #expect(try parseMoney("0001.50").get() == 150)
        #expect(try parseMoney("9999999999999.99").get() == 999_999_999_999_999)
        for bad in [".", "1.005", "10000000000000", "00010000000000000.00", "1..2", "1.2.3"] {
            #expect(throws: FieldError.self, "\(bad)") { try parseMoney(bad).get() }
        }
        var texts: [String] = []
        for whole in ["", "0", "7", "00", "42", "100", "1234567", "9999999999999", "10000000000000", "099999999999999"]
        {
            for fraction in [nil, "", "0", "5", "05", "50", "99", "005", "123"] {
                texts.append(whole + (fraction.map { "." + $0 } ?? ""))
            }
        }
        for text in texts {
            let fast = parseMoney(text), full = parseMoney(" " + text)
            switch (fast, full) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure, .failure): break
            default: Issue.record("'\(text)': \(fast) against the full path's \(full)")
            }
        }
    }

    /// The categories' order (``CostCategory/order``, written out for speed) is their declared
    /// order, and their bits are distinct.
    @Test func categoryOrderIsTheDeclaredOrder() {
        #expect(CostCategory.allCases.map(\.order) == Array(CostCategory.allCases.indices))
        #expect(Set(CostCategory.allCases.map(\.bit)).count == CostCategory.allCases.count)
    }

    @Test func moneyParsesSeparatorsAndRejectsNonFinite() throws {
        #expect(try parseMoney(" $1,234.56 ").get() == 123_456)
        #expect(try parseMoney("1_000").get() == 100_000)
        #expect(try parseMoney("\u{00A0}7\u{00A0}").get() == 700)
        for bad in ["inf", "-Infinity", ".NaN", "nan", "1,2x", "-5", "1.005", ""] {
            #expect(throws: FieldError.self, "\(bad)") { try parseMoney(bad).get() }
        }
    }
}
