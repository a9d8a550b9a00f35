# A tour of what upy shows you: MicroPython semantics, and where the heap goes.
import gc
import micropython
import sys

print("Running on:", sys.implementation.name, sys.implementation.version[:3])
print("2**70 =", 2**70)

# MicroPython's dicts iterate in hash-table order, not insertion order.
colours = {"red": 1, "green": 2, "blue": 3, "alpha": 4}
print("dict order:", list(colours))

# Every object costs heap, as on a 32-bit board.
gc.collect()
before = gc.mem_alloc()
readings = [i * 3 for i in range(100)]
gc.collect()
print("a list of 100 ints costs", gc.mem_alloc() - before, "bytes of heap")

# A const() name costs nothing at run time; a global costs a dict slot.
from micropython import const

_LIMIT = const(500)
print("limit:", _LIMIT)
print("free heap:", gc.mem_free(), "of", gc.mem_free() + gc.mem_alloc(), "bytes")
micropython.mem_info()
