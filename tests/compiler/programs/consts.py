# micropython.const and parse-time folding.
from micropython import const
import math
import micropython
WIDTH = const(64)
HEIGHT = const(WIDTH // 2)
AREA = const(WIDTH * HEIGHT)
_HIDDEN = const(0x7F)
_SHIFT = const(1 << 12)
BIG = const(1 << 40)
NEG = const(-(3 ** 5))
FLT = const(1.5)
TXT = const("text constant")
BYT = const(b"\x01\x02")
TUP = const((1, "a", None, True))
NONE = const(None)
print(WIDTH, HEIGHT, AREA, _HIDDEN, _SHIFT, BIG, NEG, FLT, TXT, BYT, TUP, NONE)
print("WIDTH" in globals(), "_HIDDEN" in globals())
def use():
    return _HIDDEN & 0x0F, _SHIFT >> 4, WIDTH + HEIGHT
print(use())
print(1 + 2 * 3 - 4 // 2, (1 << 10) | 5, ~0xff & 0xfff, -(-5), +7, 2 ** 10 ** 0)
print(10 / 4, 7 // 2.0, 2 ** -1, 1e3 + 1, 0.5 * 4, 1 / 3)
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.pi / 2)
print(__debug__, not __debug__)
print(1 and 2, 0 and 1, 1 or 2, None or 0 or "x", not 1, not 0)
t = (1, 2, (3, 4), "five", b"six", 7.0, None, True, ...)
print(t, t[2], (), (1,), ((1,),))
print(0.0, -0.0, 1e100, 1e-100, 123456789.123456789, 5e-324)
print(2 ** 62, 2 ** 63, -(2 ** 63), 2 ** 30, 2 ** 30 - 1, -(2 ** 30), -(2 ** 30) - 1)
print(0x7fffffff, 0xffffffffffffffff, 1_234_567_890_123)
if WIDTH > 100:
    print("wide")
elif AREA:
    print("area", AREA)
while 0:
    print("never")
print("one" if 1 else "two", "three" if 0 else "four")
print(micropython.const(5))
