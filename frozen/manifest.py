# The frozen library: the modules this manifest names are compiled into the
# board's flash image and imported in place from there, so their code and
# constants cost no heap (MicroPython's `freeze()` / `module()` manifest).
#
# The image builder does not exist yet: the manifest names no modules, and
# `.frozen` on sys.path finds nothing.
