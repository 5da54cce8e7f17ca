import DeepLearning
import Foundation

// Choose OpenBLAS's kernels before anything else (may re-execute this program once).
BLASConfiguration.reexecIfNeeded()
MemoryConfiguration.keepFreedMemory()
// One line at a time, so that progress shows up in a log file or pipe while training runs.
setvbuf(stdout, nil, _IOLBF, 0)
TrainLM.main()
