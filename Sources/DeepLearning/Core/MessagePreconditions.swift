// Shape errors must read as messages in every build. The standard library's `precondition` and
// `preconditionFailure` drop their message when compiled with -O (the program stops with a bare
// "precondition failure"), so a chapter that multiplies a [2, 3] by a [4, 5] tensor would only learn
// that it crashed. These module-internal functions have the standard library's signatures, so they
// shadow it in every file of DeepLearning: the check costs the same (the message is built only on
// failure) and the failure prints the message, like `fatalError`, which keeps it in every build.

/// Stops the program with `message` when `condition` is false, in debug and release builds alike.
@inline(__always)
func precondition(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
    file: StaticString = #file, line: UInt = #line
) {
    if _slowPath(!condition()) { fatalError(message(), file: file, line: line) }
}

/// Stops the program with `message`, in debug and release builds alike.
@inline(__always)
func preconditionFailure(
    _ message: @autoclosure () -> String = String(), file: StaticString = #file, line: UInt = #line
) -> Never {
    fatalError(message(), file: file, line: line)
}
