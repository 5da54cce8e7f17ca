import Foundation
import FolioProtocol

// The generated chapter program evaluates each inline value of the prose (`` `{swift} expression` ``)
// between the cells, where it stands in the chapter:
//
//     _folioBeginInline(3)
//     let _folioInline3 =
//         expression          (under #sourceLocation: compile errors name its prose line and column)
//     _folioInlineValue(3, _folioInline3)
//
// The value travels to folio on the side channel as text, written as `print` would write it.

/// Marks the start of inline value `index` (0-based, in chapter order). Called by generated code only.
public func _folioBeginInline(_ index: Int) {
    prepareChapterProgram()
    writeRawMarker(InlineValueMarker.begin(index, token: FolioConnection.token))
    fputs(InlineValueMarker.begin(index, token: FolioConnection.token), stderr)
}

/// Sends the text of inline value `index` (`String(describing:)`, what `print` writes) and marks its end.
/// Called by generated code only.
public func _folioInlineValue<Value>(_ index: Int, _ value: Value) {
    let text = String(describing: value)
    SideChannel.send(.inline(cell: SideChannel.currentCell, index: index, text: text),
                     fallback: "inline value \(index + 1): \(text)")
    writeRawMarker(InlineValueMarker.end(index, token: FolioConnection.token))
    fputs(InlineValueMarker.end(index, token: FolioConnection.token), stderr)
}
