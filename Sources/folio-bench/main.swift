print("folio-bench: not yet")
if CommandLine.arguments.dropFirst().first == "ops" { ConvBenchmarks.run() }
