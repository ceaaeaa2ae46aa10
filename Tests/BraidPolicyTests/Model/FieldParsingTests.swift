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

    @Test func moneyParsesSeparatorsAndRejectsNonFinite() throws {
        #expect(try parseMoney(" $1,234.56 ").get() == 123_456)
        #expect(try parseMoney("1_000").get() == 100_000)
        #expect(try parseMoney("\u{00A0}7\u{00A0}").get() == 700)
        for bad in ["inf", "-Infinity", ".NaN", "nan", "1,2x", "-5", "1.005", ""] {
            #expect(throws: FieldError.self, "\(bad)") { try parseMoney(bad).get() }
        }
    }
}
