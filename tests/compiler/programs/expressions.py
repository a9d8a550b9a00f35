# Operators, precedence, comparisons and boolean logic.
a, b, c = 7, 3, -2
print(a + b * c, (a + b) * c, a - b - c, a ** b ** 2 % 1000)
print(a / b, a // b, a % b, -a // b, -a % b, a // -b, a % -b)
print(a & b, a | b, a ^ b, ~a, a << 4, a >> 1, -a >> 1)
print(+a, -a, not a, not 0, -(-a))
print(a < b, a <= b, a > b, a >= b, a == 7, a != 7)
print(1 < a < 10, 1 < a > 10, b < a < c, 0 <= b <= a <= 10)
print(a is a, a is not None, None is None, 3 in [1, 2, 3], 4 not in (1, 2))
print(a and b, 0 and b, a or b, 0 or b, 0 or 0, None or [] or "x")
print(a if a > b else b, a if a < b else b, "yes" if [] else "no")
print((a and b) or c, a and (b or c), not (a and b))
x = 5
print(0 < x and x < 10, x > 100 or x < 0, not x == 5)
print(2 ** 100, -2 ** 2, (-2) ** 2, 2 ** -2, 10 ** 20 // 3)
print(123456789 * 987654321, 2 ** 64 - 1, -(2 ** 63), (1 << 70) >> 65)
print(7.0 / 2, 7.5 // 2, 7.5 % 2, -7.5 // 2, 1e300 * 1e10, -1e300 * 1e10)
print(0.1 + 0.2, 1 / 3, 2.5e-8, 123.456e5, 1e16, 1e-5, 12345678.9)
print(3j, 1 + 2j, (1 + 2j) * (3 - 1j), abs(3 + 4j))
print(1 == 1.0, 2 ** 0.5, round(2.675, 2), int("42") + float("1.5"))
print(divmod(17, 5), divmod(-17, 5), pow(3, 4, 5), abs(-7))
y = [10, 20, 30]
print(y[0] + y[-1], y[1:], y[:1], y[::2], y[::-1], y[1:2:1])
print((y := [1, 2])[0], y)
if (n := len(y)) > 1:
    print("walrus", n)
def f(v):
    return v * 2
print(f(f(f(1))), [f(i) for i in range(3)], f(a) + f(b) * f(c))
print(max(1, 5, 3), min([4, 2, 8]), sum(range(101)), len("hello"))
z = 0
z += 5
z -= 1
z *= 3
z //= 2
z **= 2
z %= 50
z <<= 2
z >>= 1
z |= 1
z &= 0xff
z ^= 0x0f
print(z)
fz = 10.0
fz /= 4
fz *= 2
print(fz)
