import DeepLearning

// Choose OpenBLAS's kernels before anything else (may re-execute this program once).
BLASConfiguration.reexecIfNeeded()
MemoryConfiguration.keepFreedMemory()
FolioBench.main()
