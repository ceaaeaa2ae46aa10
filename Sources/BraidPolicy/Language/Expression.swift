/// The parsed form of a rule expression (before names are bound).
///
/// The grammar, loosest binding first:
/// ```
/// expr    := 'if' expr 'then' expr 'else' expr | or
/// or      := and ('or' and)*
/// and     := not ('and' not)*
/// not     := 'not' not | compare
/// compare := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum | 'not'? 'in' sum)?
/// sum     := product (('+'|'-') product)*
/// product := unary (('*'|'/') unary)*
/// unary   := '-' unary | atom
/// atom    := number | date | string | 'true' | 'false' | name ('.' name)? | name '(' args ')'
///          | '(' expr ')' | '[' (expr (',' expr)*)? ']'
/// ```
public indirect enum Expression: Sendable, Equatable {
    case literal(Value, offset: Int)
    case name(String, offset: Int)
    case call(String, [Expression], offset: Int)
    case list([Expression], offset: Int)
    case unary(String, Expression, offset: Int)
    case binary(String, Expression, Expression, offset: Int)
    case condition(Expression, Expression, Expression, offset: Int)

    /// The character offset of the expression in its source text (0-based).
    public var offset: Int {
        switch self {
        case .literal(_, let o), .name(_, let o), .call(_, _, let o), .list(_, let o), .unary(_, _, let o),
            .binary(_, _, _, let o), .condition(_, _, _, let o):
            return o
        }
    }

    /// Every name the expression uses.
    public var names: [String] {
        switch self {
        case .literal: return []
        case .name(let n, _): return [n]
        case .call(_, let args, _), .list(let args, _): return args.flatMap(\.names)
        case .unary(_, let e, _): return e.names
        case .binary(_, let a, let b, _): return a.names + b.names
        case .condition(let c, let a, let b, _): return c.names + a.names + b.names
        }
    }
}

/// A syntax or binding error inside an expression, at a character offset of its text.
public struct ExpressionError: Error, Sendable, Equatable {
    public let offset: Int
    public let reason: String
}

private enum Token: Equatable {
    case number(Double)
    case text(String)
    case day(Day)
    case word(String)
    case symbol(String)
    case end
}

private struct Lexer {
    let chars: [Character]
    var position = 0
    init(_ text: String) { chars = Array(text) }

    mutating func tokens() throws(ExpressionError) -> [(Token, Int)] {
        var out: [(Token, Int)] = []
        while true {
            while position < chars.count && chars[position].isWhitespace { position += 1 }
            let start = position
            guard position < chars.count else {
                out.append((.end, start))
                return out
            }
            let c = chars[position]
            if c.isNumber {
                out.append((try number(), start))
            } else if c.isLetter || c == "_" {
                var word = ""
                while position < chars.count
                    && (chars[position].isLetter || chars[position].isNumber || chars[position] == "_")
                {
                    word.append(chars[position])
                    position += 1
                }
                out.append((.word(word), start))
            } else if c == "\"" || c == "'" {
                position += 1
                var text = ""
                while position < chars.count && chars[position] != c {
                    text.append(chars[position])
                    position += 1
                }
                guard position < chars.count else { throw ExpressionError(offset: start, reason: "unclosed string") }
                position += 1
                out.append((.text(text), start))
            } else {
                let two = position + 1 < chars.count ? String([c, chars[position + 1]]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    position += 2
                    out.append((.symbol(two), start))
                } else if "()[],.+-*/<>".contains(c) {
                    position += 1
                    out.append((.symbol(String(c)), start))
                } else if c == "=" {
                    throw ExpressionError(offset: start, reason: "'=' is not an operator (use '==' to compare)")
                } else if c == "&" || c == "|" || c == "!" {
                    throw ExpressionError(offset: start, reason: "'\(c)' is not an operator (use 'and', 'or', 'not')")
                } else {
                    throw ExpressionError(offset: start, reason: "unexpected character '\(c)'")
                }
            }
        }
    }

    /// A number (`15_650`, `0.5`) or a date (`2026-07-01`: four digits, then -MM-DD with no spaces).
    mutating func number() throws(ExpressionError) -> Token {
        let start = position
        var digits = ""
        while position < chars.count && (chars[position].isNumber || chars[position] == "_" || chars[position] == ".") {
            if chars[position] != "_" { digits.append(chars[position]) }
            position += 1
        }
        if digits.count == 4, position + 5 < chars.count + 0, chars[position] == "-" {
            let rest = String(chars[position..<min(chars.count, position + 6)])
            if rest.count == 6, let day = Day(digits + rest) {
                position += 6
                return .day(day)
            }
        }
        guard let value = DecimalText.number(digits) else {
            let tooLarge = Double(digits).map { !$0.isFinite } ?? false
            throw ExpressionError(
                offset: start,
                reason: tooLarge ? "number '\(digits.prefix(20))…' is too large" : "malformed number '\(digits)'")
        }
        return .number(value)
    }
}

/// Parses rule expressions.
public struct ExpressionParser {
    private var tokens: [(Token, Int)]
    private var index = 0
    /// How deep the parse is (parentheses, lists, calls, `if`, `not` and `-` chains).
    private var depth = 0
    /// The deepest nesting and the most tokens an expression may have: far above any rule a person
    /// writes, far below what would exhaust the stack of the parser, the binder or the evaluator
    /// (10,000 levels crashed it; a chain of 20,000 tokens builds a tree 10,000 deep at most).
    public static let maximumDepth = 200
    public static let maximumTokens = 20_000
    private static let keywords: Set<String> = ["and", "or", "not", "in", "if", "then", "else", "true", "false"]

    /// Parses a whole expression.
    /// - Throws: ``ExpressionError`` at the offending offset.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var lexer = Lexer(text)
        let tokens = try lexer.tokens()
        guard tokens.count <= maximumTokens + 1 else {
            throw ExpressionError(
                offset: tokens[maximumTokens].1,
                reason: "the expression is too long (more than \(maximumTokens) words, numbers and symbols)")
        }
        var parser = ExpressionParser(tokens: tokens)
        if case .end = parser.peek { throw ExpressionError(offset: 0, reason: "empty expression") }
        let expression = try parser.expression()
        guard case .end = parser.peek else {
            throw ExpressionError(
                offset: parser.offset, reason: "unexpected \(parser.describe(parser.peek)) after a complete expression")
        }
        return expression
    }

    private init(tokens: [(Token, Int)]) { self.tokens = tokens }
    private var peek: Token { tokens[index].0 }
    private var offset: Int { tokens[index].1 }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let n): return "number \(formatNumber(n))"
        case .text(let s): return "string \"\(s)\""
        case .day(let d): return "date \(d)"
        case .word(let w): return "'\(w)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    private mutating func expect(_ symbol: String, _ context: String) throws(ExpressionError) {
        if peek == .symbol(symbol) || peek == .word(symbol) {
            advance()
        } else {
            throw ExpressionError(offset: offset, reason: "expected '\(symbol)' \(context), found \(describe(peek))")
        }
    }

    /// One level deeper, or an error past ``maximumDepth``.
    private mutating func enter() throws(ExpressionError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw ExpressionError(
                offset: offset, reason: "the expression is nested too deeply (more than \(Self.maximumDepth) levels)")
        }
    }

    private mutating func expression() throws(ExpressionError) -> Expression {
        try enter()
        defer { depth -= 1 }
        if peek == .word("if") {
            let start = offset
            advance()
            let condition = try expression()
            try expect("then", "after the condition of 'if'")
            let a = try expression()
            try expect("else", "after 'then …'")
            let b = try expression()
            return .condition(condition, a, b, offset: start)
        }
        return try orExpression()
    }

    private mutating func orExpression() throws(ExpressionError) -> Expression {
        var left = try andExpression()
        while peek == .word("or") {
            let start = offset
            advance()
            left = .binary("or", left, try andExpression(), offset: start)
        }
        return left
    }

    private mutating func andExpression() throws(ExpressionError) -> Expression {
        var left = try notExpression()
        while peek == .word("and") {
            let start = offset
            advance()
            left = .binary("and", left, try notExpression(), offset: start)
        }
        return left
    }

    private mutating func notExpression() throws(ExpressionError) -> Expression {
        if peek == .word("not") {
            let start = offset
            advance()
            try enter()
            defer { depth -= 1 }
            return .unary("not", try notExpression(), offset: start)
        }
        return try comparison()
    }

    private mutating func comparison() throws(ExpressionError) -> Expression {
        let left = try sum()
        let start = offset
        if case .symbol(let s) = peek, ["==", "!=", "<", "<=", ">", ">="].contains(s) {
            advance()
            return .binary(s, left, try sum(), offset: start)
        }
        if peek == .word("in") {
            advance()
            return .binary("in", left, try sum(), offset: start)
        }
        if peek == .word("not"), index + 1 < tokens.count, tokens[index + 1].0 == .word("in") {
            advance()
            advance()
            return .unary("not", .binary("in", left, try sum(), offset: start), offset: start)
        }
        return left
    }

    private mutating func sum() throws(ExpressionError) -> Expression {
        var left = try product()
        while case .symbol(let s) = peek, s == "+" || s == "-" {
            let start = offset
            advance()
            left = .binary(s, left, try product(), offset: start)
        }
        return left
    }

    private mutating func product() throws(ExpressionError) -> Expression {
        var left = try unary()
        while case .symbol(let s) = peek, s == "*" || s == "/" {
            let start = offset
            advance()
            left = .binary(s, left, try unary(), offset: start)
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> Expression {
        if peek == .symbol("-") {
            let start = offset
            advance()
            try enter()
            defer { depth -= 1 }
            return .unary("-", try unary(), offset: start)
        }
        return try atom()
    }

    private mutating func atom() throws(ExpressionError) -> Expression {
        let start = offset
        switch peek {
        case .number(let n):
            advance()
            return .literal(.number(n), offset: start)
        case .text(let s):
            advance()
            return .literal(.text(s), offset: start)
        case .day(let d):
            advance()
            return .literal(.day(d), offset: start)
        case .symbol("("):
            advance()
            let inner = try expression()
            try expect(")", "to close the '(' at offset \(start + 1)")
            return inner
        case .symbol("["):
            advance()
            var items: [Expression] = []
            if peek != .symbol("]") {
                items.append(try expression())
                while peek == .symbol(",") {
                    advance()
                    items.append(try expression())
                }
            }
            try expect("]", "to close the list")
            return .list(items, offset: start)
        case .word("true"):
            advance()
            return .literal(.bool(true), offset: start)
        case .word("false"):
            advance()
            return .literal(.bool(false), offset: start)
        case .word(let w) where !Self.keywords.contains(w):
            advance()
            if peek == .symbol("(") {
                advance()
                var args: [Expression] = []
                if peek != .symbol(")") {
                    args.append(try expression())
                    while peek == .symbol(",") {
                        advance()
                        args.append(try expression())
                    }
                }
                try expect(")", "to close the arguments of \(w)(")
                return .call(w, args, offset: start)
            }
            if peek == .symbol(".") {
                advance()
                guard case .word(let field) = peek else {
                    throw ExpressionError(offset: offset, reason: "expected a field name after '\(w).'")
                }
                advance()
                return .name(w + "." + field, offset: start)
            }
            return .name(w, offset: start)
        default:
            throw ExpressionError(offset: start, reason: "expected a value, found \(describe(peek))")
        }
    }
}
