import Foundation
import FolioProtocol

// The generated chapter program calls these around each cell. `folio` splits the program's standard
// output and standard error at the markers, so each cell gets what it printed, and a crash or a
// time-out is charged to the cell whose begin marker has no end marker.
// Marker format: ``ProtocolMarker`` (STX `FOLIO:<token>:B:<index>` ETX and `…:E:<index>`), the token
// being the run's own, so that nothing a cell prints is taken for a marker.

private let streamsConfigured = Protected(false)

/// Marks the start of cell `index` (0-based). Called by generated code only.
public func _folioBeginCell(_ index: Int) {
    prepareChapterProgram()
    SideChannel.currentCell = index
    writeMarker(.beginCell, index)
}

/// Sets the program up once, before the first cell or inline value runs.
func prepareChapterProgram() {
    // Once per program: the first caller sets it up while the others wait.
    streamsConfigured.access { configured in
        guard !configured else { return }
        configured = true
        // OpenBLAS picks its kernels when it loads; on CPUs it misdetects, this sets
        // OPENBLAS_CORETYPE and re-executes the program once, before anything is printed.
        BLASConfiguration.reexecIfNeeded()
        FolioConnection.connect()
        MemoryConfiguration.keepFreedMemory()
        // Line-buffered standard output: what a cell printed is in the pipe before a crash.
        setvbuf(stdout, nil, _IOLBF, 0)
        // The front matter's `seed:` seeds the default generator before the first cell, so that
        // `Tensor.randn` and friends give the same numbers on every run (like `torch.manual_seed`).
        if let seed = chapterSeed { manualSeed(seed) }
    }
}

/// Marks the end of cell `index`. Called by generated code only.
public func _folioEndCell(_ index: Int) {
    writeMarker(.endCell, index)
}

private func writeMarker(_ kind: ProtocolMarker.Kind, _ index: Int) {
    let marker = ProtocolMarker.text(kind, token: FolioConnection.token, [String(index)])
    writeRawMarker(marker)
    fputs(marker, stderr)
}

/// Writes a marker to standard output between flushes, so that it never lands inside a cell's buffered text.
func writeRawMarker(_ marker: String) {
    fflush(stdout)
    fputs(marker, stdout)
    fflush(stdout)
}

/// The chapter's `seed` from its front matter, if it has one (environment `FOLIO_SEED`).
public var chapterSeed: UInt64? {
    ProcessInfo.processInfo.environment[ProtocolEnvironment.seed].flatMap(UInt64.init)
}
