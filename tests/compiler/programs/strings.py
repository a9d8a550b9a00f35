# String and bytes literals, escapes, concatenation and f-strings.
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'tab\tnew\\nline', "\x41\101\u00e9\U0001F600".encode())
print(r'raw \n \t', r"RAW\d", b'bytes\x00\xff', rb'\x00', br"\n", u"unicode")
print("implicit " "concatenation " 'of' " strings")
print(b"ab" b"cd", len("é"), len("é".encode()))
multi = """line one
line two\
 continued
"""
print(multi)
short = "ten chars!"
longer = "this is longer than ten"
print(short, longer, short is "ten chars!")
name, count, ratio = "widget", 3, 2.5
print(f"{name} x{count} = {ratio * count:.2f}")
print(f"{name!r} {name!s:>10}|{count:04d}|{ratio:<8}|")
print(f"{{literal}} {count + 1} {'nested'} {[1, 2][0]}")
print(f"{count=} {ratio =}")
width = 6
print(f"{name:>{width}}|{name:^{width + 4}}|")
print(f"{'a' if count else 'b'}", f"{len(name)}", f"{ {'k': 1}['k'] }")
print(f"multi " f"{count} " f"part {name}")
print(f"mixed {count} " "plain {braces} " f"end")
print(rf"raw \n {count}", fr"{name}\t")
print(f"{f'{count}'}")
print(f"""triple {
count
} quoted""")
d = {"key": "value"}
print(f"{d['key']}", f'{d["key"]}')
print("%s is %d years and %.1f%%" % ("x", 30, 99.5))
print("{} {} {}".format(1, "two", 3.0), "{0}{1}{0}".format("a", "b"))
print("abc".upper(), "  strip ".strip(), ",".join(["a", "b"]), "a,b".split(","))
print("hello"[1:4], "hello"[::-1], "hello"[-1], "x" * 3 + "y")
print(str(1) + str(2.5) + str(None) + str(True), repr("q'uote"))
print(ord("A"), chr(66), "%c" % 67, "é" == "\xe9")
print("key_identifier_long", "key_identifier_long" == "key_identifier_" + "long")
print(bytes([65, 66]), bytearray(b"xy"), b"%d" % 5 if False else b"no")
