# pass, del, global, docstrings, constants as statements, semicolons, nesting.
"""Module docstring."""
def documented():
    """Function docstring."""
    return documented.__name__
print(documented())
class Documented:
    """Class docstring."""
    pass
pass; x = 1; y = 2; print(x + y)
if x: print("one-line if")
for i in range(2): print("one-line for", i)
while x < 3: x += 1
print(x)
42
"lonely string"
...
None
def empty():
    ...
print(empty())
def deep(n):
    if n > 0:
        if n > 1:
            if n > 2:
                if n > 3:
                    return "deep"
                return 3
            return 2
        return 1
    return 0
print([deep(n) for n in range(5)])
print(type(...).__name__, ... is Ellipsis)
a = [1, 2, 3]
b = a
print(a is b, a == [1, 2, 3], a is not [1, 2, 3])
print(isinstance(1, int), isinstance("s", (int, str)), callable(print))
def long_function(v):
    total = 0
    if v > 0:
        total += v * 1; total += v * 2; total += v * 3; total += v * 4; total += v * 5
        total += v * 6; total += v * 7; total += v * 8; total += v * 9; total += v * 10
        total += v * 11; total += v * 12; total += v * 13; total += v * 14; total += v * 15
        total += v * 16; total += v * 17; total += v * 18; total += v * 19; total += v * 20
        total += v * 21; total += v * 22; total += v * 23; total += v * 24; total += v * 25
        total += v * 26; total += v * 27; total += v * 28; total += v * 29; total += v * 30
        total += v * 31; total += v * 32; total += v * 33; total += v * 34; total += v * 35
    else:
        total = -1
    while total > 1000:
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
        total //= 2; total -= 1; total //= 2; total -= 1; total //= 2; total -= 1
    return total
print(long_function(10), long_function(100000), long_function(-1))
def line_numbers():
    try:
        value = (1 +
                 2 +
                 undefined_name)
    except NameError as e:
        return "name error"
print(line_numbers())
def traceback_line():
    raise ValueError("traced")
try:
    traceback_line()
except ValueError as e:
    import sys
    sys.print_exception(e)
