# Comprehensions and their scopes.
nums = [3, 1, 4, 1, 5, 9, 2, 6]
print([n * 2 for n in nums])
print([n for n in nums if n > 2 if n % 2])
print([(a, b) for a in range(3) for b in range(a)])
print([[c for c in row] for row in ["ab", "cd"]])
print({n: n * n for n in nums})
print(sorted({n % 4 for n in nums}))
print(list(n for n in nums if n < 4))
print(sum(a * b for a in range(4) for b in range(4) if a != b))
print([x if x % 2 else -x for x in range(6)])
print([y for x in [[1, 2], [3]] for y in x])
print({k: [v for v in range(k)] for k in range(3)})
print([(lambda v: v + 1)(i) for i in range(3)])
print([i for i in range(10) if not i % 3 or i == 5])
print([i for i in range(10) if i > 2 and i < 6])
print([i for i in (1, 2, 3)], [c for c in "xyz"], [b for b in b"AB"])
print([n for n in range(3) if (m := n * 10) > 5], m)
def in_function(k):
    return [k * i for i in range(3)], {i: k for i in range(2)}
print(in_function(7))
class C:
    data = [1, 2, 3]
    doubled = [d * 2 for d in data]
print(C.doubled)
x = "outer"
print([x for x in range(2)], x)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print(dict((k, v) for k, v in zip("ab", (1, 2))), set(c for c in "hello"))
print(any(v > 8 for v in nums), all(v > 0 for v in nums))
gen = (i for i in range(3))
print(next(gen), list(gen))
print([a + b for a, b in [(1, 2), (3, 4)]], [a for a, *rest in [(1, 2, 3)]])
print([[i, j] for i in range(2) for j in range(2) for _ in range(1)])
