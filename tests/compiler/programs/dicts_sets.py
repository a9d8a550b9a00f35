# Dict and set displays.
empty_d = {}
one = {"a": 1}
many = {"a": 1, "b": 2, 3: "c", (4, 5): [6], None: None}
print(empty_d, one, sorted(map(str, many)), many[(4, 5)])
s1 = {1}
s2 = {1, 2, 3, 2, 1}
print(s1, sorted(s2), set(), type({}).__name__, type({1}).__name__)
keys = ["x", "y"]
print({k: i for i, k in enumerate(keys)}, {keys[0]: 0, keys[1]: 1})
d = dict(a=1, **{"b": 2})
d.update(c=3)
print(sorted(d.items()), d.get("z", "default"), d.pop("a"), sorted(d))
s = {1, 2}
s.add(3)
s |= {4}
s -= {1}
print(sorted(s), 2 in s, 9 in s, {1, 2} & {2, 3}, {1} | {2}, {1, 2} ^ {2, 3})
nested = {"l": [1, {"inner": (1, 2)}], "t": {"k": {"kk": 1}}}
print(nested["l"][1]["inner"][1], nested["t"]["k"]["kk"])
print({1: 2, 1: 3}, {True: "t", 1: "one"})
trailing = {1, 2,}
td = {1: 2,}
print(sorted(trailing), td)
