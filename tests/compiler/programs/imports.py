# Import forms (of built-in modules).
import sys
import math as m
import micropython, gc
from math import sqrt, pi as PI
from math import (floor,
                  ceil,)
from collections import OrderedDict
print(type(sys.version).__name__, m.sqrt(16), sqrt(9), PI > 3, floor(2.5), ceil(2.5))
print(type(gc.collect()).__name__ if False else "gc", micropython.const(3))
def local_import():
    import math
    from math import fabs
    return math.floor(fabs(-2.7))
print(local_import())
from math import *
print(floor(e))
od = OrderedDict()
od["z"] = 1
od["a"] = 2
print(list(od.keys()))
try:
    import no_such_module_here
except ImportError as e:
    print("import error", type(e).__name__)
try:
    from math import no_such_name
except ImportError:
    print("no such name")
