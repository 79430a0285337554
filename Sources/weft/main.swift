import Kernel
print("weft")
