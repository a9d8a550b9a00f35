# A tour of what upy shows you: MicroPython's semantics on a simulated board,
# and where every byte of its heap goes. `deno task demo` runs it on the
# Raspberry Pi Pico profile (--board rp2040).
import gc
import micropython
import sys

gc.collect()
heap = gc.mem_free() + gc.mem_alloc()
print("Board:", sys.platform, "-", heap, "bytes of GC heap")
print("MicroPython", ".".join(str(n) for n in sys.implementation.version[:3]))

# Arbitrary-precision ints, and the board's float precision (the Pico's
# floats are single precision: 1/3 prints 7 digits there, 16 on --board host).
print("2**70 =", 2**70)
print("1/3 =", 1 / 3)

# Dicts iterate in MicroPython's hash-table order, not insertion order.
colours = {"red": 1, "green": 2, "blue": 3, "alpha": 4}
print("dict order:", list(colours))

# Every object costs what its C structure costs on a 32-bit board.
for label, make in (
    ("a float", lambda: 1.5),
    ("a 10-item list", lambda: list(range(10))),
    ("a 100-byte bytearray", lambda: bytearray(100)),
    ("a dict with 3 keys", lambda: {"a": 1, "b": 2, "c": 3}),
):
    gc.collect()
    before = gc.mem_alloc()
    keep = make()
    print(label, "costs", gc.mem_alloc() - before, "bytes")
    del keep

# Fill the heap with 1 KiB buffers until the board runs out, as the Pico would.
gc.collect()
buffers = []
try:
    while True:
        buffers.append(bytearray(1024))
except MemoryError:
    print("MemoryError after", len(buffers), "buffers of 1 KiB")
buffers = None
gc.collect()
micropython.mem_info()
