import BraidPolicy
import CXLSXWriter
import Foundation

/// An Excel workbook written through libxlsxwriter: the only Swift code that calls it. Sheets
/// have a bold, frozen header row with filters, set column widths, and money as currency
/// numbers (so a planner can sum and chart them), not text.
public struct Workbook {
    /// One cell.
    public enum Cell: Sendable {
        case text(String)
        /// Cents, written as dollars in the currency format.
        case money(Int64)
        case integer(Int)
        case number(Double)
        /// A share, 0...1, in the percent format.
        case percent(Double)
        case blank
    }

    /// One sheet: its name, column headers and widths (characters), and rows.
    public struct Sheet {
        public var name: String
        public var columns: [(header: String, width: Double)]
        public var rows: [[Cell]]

        public init(_ name: String, columns: [(String, Double)], rows: [[Cell]]) {
            self.name = name
            self.columns = columns.map { (header: $0.0, width: $0.1) }
            self.rows = rows
        }
    }

    public var sheets: [Sheet] = []

    public init(_ sheets: [Sheet] = []) { self.sheets = sheets }

    /// Writes the workbook to `path` (the caller makes that atomic). The document's creation
    /// time is fixed, so the same plan gives the same bytes.
    public func write(to path: String) throws(FileWriteFailure) {
        guard let book = workbook_new(path) else { throw FileWriteFailure("cannot create the workbook") }
        var properties = lxw_doc_properties()
        properties.created = 946_684_800  // 2000-01-01: 0 would mean "now"
        workbook_set_properties(book, &properties)
        let bold = workbook_add_format(book)
        format_set_bold(bold)
        let money = workbook_add_format(book)
        format_set_num_format(money, "$#,##0.00")
        let percent = workbook_add_format(book)
        format_set_num_format(percent, "0.0%")
        for sheet in sheets {
            let name = String(sheet.name.prefix(31))
            guard let ws = workbook_add_worksheet(book, name) else { continue }
            for (c, column) in sheet.columns.enumerated() {
                worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), column.width, nil)
                worksheet_write_string(ws, 0, lxw_col_t(c), column.header, bold)
            }
            for (r, row) in sheet.rows.enumerated() {
                let rowIndex = lxw_row_t(r + 1)
                for (c, cell) in row.enumerated() {
                    let col = lxw_col_t(c)
                    switch cell {
                    case .text(let s): worksheet_write_string(ws, rowIndex, col, s, nil)
                    case .money(let cents): worksheet_write_number(ws, rowIndex, col, Double(cents) / 100, money)
                    case .integer(let n): worksheet_write_number(ws, rowIndex, col, Double(n), nil)
                    case .number(let x): worksheet_write_number(ws, rowIndex, col, x.isFinite ? x : 0, nil)
                    case .percent(let x): worksheet_write_number(ws, rowIndex, col, x, percent)
                    case .blank: break
                    }
                }
            }
            worksheet_freeze_panes(ws, 1, 0)
            if !sheet.columns.isEmpty {
                worksheet_autofilter(ws, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.columns.count - 1))
            }
        }
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR else {
            throw FileWriteFailure(String(cString: lxw_strerror(status)))
        }
    }
}

/// A workbook could not be written.
public struct FileWriteFailure: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
