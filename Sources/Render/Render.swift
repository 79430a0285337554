@_exported import Kernel
