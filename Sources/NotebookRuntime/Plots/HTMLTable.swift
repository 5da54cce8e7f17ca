import Foundation

/// An HTML table for the report, with escaped cells and numeric cells right-aligned.
public struct HTMLTable {
    /// The column headings (empty: no header row).
    public var header: [String]
    /// The cells, row by row.
    public var rows: [[String]]

    /// A table of `rows` under `header`.
    public init(_ rows: [[String]], header: [String] = []) {
        self.rows = rows
        self.header = header
    }

    /// Whether a cell reads as a number (it is then right-aligned with tabular digits).
    static func isNumeric(_ cell: String) -> Bool {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && (Double(trimmed) != nil || ["nan", "inf", "-inf"].contains(trimmed.lowercased()))
    }

    /// The table as a `<table class="folio-table">` element.
    public var html: String {
        var html = "<table class=\"folio-table\">"
        if !header.isEmpty {
            let columnIsNumeric = header.indices.map { column in
                !rows.isEmpty && rows.allSatisfy { column >= $0.count || Self.isNumeric($0[column]) }
            }
            html += "<thead><tr>"
            for (column, name) in header.enumerated() {
                html += columnIsNumeric[column] ? "<th class=\"numeric\">" : "<th>"
                html += SVGFormat.escape(name) + "</th>"
            }
            html += "</tr></thead>"
        }
        html += "<tbody>"
        for row in rows {
            html += "<tr>"
            for cell in row {
                html += Self.isNumeric(cell) ? "<td class=\"numeric\">" : "<td>"
                html += SVGFormat.escape(cell) + "</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }
}
