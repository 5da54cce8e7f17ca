import Foundation
import FolioProtocol

/// Sends an HTML fragment (an SVG plot, a table) to the report, as output of the running cell.
///
/// The fragment travels on the side channel to `folio`, which places it under the cell in the HTML
/// report. Callers are responsible for escaping any text they put into `html`.
public func emitHTML(_ html: String) {
    SideChannel.send(.html(cell: SideChannel.currentCell, html),
                     fallback: "[html output: \(html.utf8.count) bytes]")
}
