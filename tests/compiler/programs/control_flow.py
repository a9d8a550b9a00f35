# if/elif/else, loops with else, break/continue, range loops, constant tests.
for n in range(-2, 8):
    if n < 0:
        print("neg", n)
    elif n == 0:
        print("zero")
    elif n % 2:
        print("odd", n)
    else:
        print("even", n)
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("w", i)
else:
    print("while else")
while True:
    i -= 1
    if i < 2:
        break
print("i", i)
for x in range(3):
    pass
else:
    print("for else", x)
for x in range(10):
    if x == 3:
        break
else:
    print("not printed")
print("broke at", x)
for x in range(10, 0, -3):
    print("down", x)
for x in range(0, 10, 4):
    print("up", x)
end = 4
for x in range(end):
    print("var end", x)
else:
    print("done var end")
for x in range(1, end + 2):
    if x == 3:
        continue
    print("cont", x)
for x in range(5):
    for y in range(5):
        if y > x:
            break
        if (x + y) % 2:
            continue
        print(x, y, end="; ")
print()
for ch in "abc":
    print(ch, end="")
print()
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for x in [1, 2, 3][::-1]:
    print(x)
if True:
    print("always")
if False:
    print("never")
else:
    print("else of False")
if 0:
    print("no")
elif 1:
    print("elif 1")
else:
    print("unreached")
while False:
    print("never")
else:
    print("while False else")
if not None:
    print("not None")
if "":
    print("empty string")
if ():
    print("empty tuple")
if (1,):
    print("tuple truthy")
def ret_in_loop():
    for i in range(10):
        if i == 6:
            return i
    return -1
print(ret_in_loop())
def nested_breaks():
    out = []
    for a in range(3):
        while True:
            for b in range(3):
                if b == a:
                    break
                out.append((a, b))
            break
    return out
print(nested_breaks())
count = 0
for _ in range(1000):
    count += 1
print(count)
it = iter([1, 2, 3])
for x in it:
    if x == 2:
        break
print(list(it))
for i in range(3):
    pass
print(i)
for i in range(3, 0):
    print("empty")
else:
    print("empty range else")
