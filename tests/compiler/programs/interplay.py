# try/except/finally/with interleaved with break, continue, return and
# yield, where the compiler must unwind the right number of blocks.


class Ctx:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None)
        return self.swallow


def loop_break_in_finally():
    out = []
    for i in range(5):
        try:
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out


def continue_through_with():
    total = 0
    for i in range(4):
        with Ctx("c%d" % i):
            if i % 2:
                continue
            total += i
    return total


def return_in_finally_overrides():
    try:
        return "try"
    finally:
        return "finally"


def return_from_nested_with():
    with Ctx("outer"):
        with Ctx("inner"):
            for x in range(3):
                try:
                    if x == 1:
                        return x
                finally:
                    print("finally", x)
    return -1


def swallowed():
    with Ctx("s", swallow=True):
        raise ValueError("gone")
    return "after"


def break_out_of_except():
    n = 0
    while True:
        try:
            n += 1
            if n > 2:
                raise KeyError(n)
        except KeyError as e:
            print("caught", e)
            break
        else:
            print("no error", n)
        finally:
            print("finally", n)
    return n


def nested_loops_else():
    found = []
    for a in range(3):
        for b in range(3):
            if a * b == 2:
                found.append((a, b))
                break
        else:
            found.append(("none", a))
            continue
        found.append("broke")
    return found


def gen_with_finally():
    try:
        for i in range(10):
            try:
                yield i
            finally:
                print("inner finally", i)
    finally:
        print("outer finally")


def reraise_chain():
    try:
        try:
            raise TypeError("a")
        except TypeError:
            raise
    except TypeError as e:
        return "re:" + str(e)


def except_tuple_and_bare():
    results = []
    for exc in (ValueError, KeyError, ZeroDivisionError, OSError):
        try:
            raise exc("x")
        except (ValueError, KeyError) as e:
            results.append("vk:" + type(e).__name__)
        except ZeroDivisionError:
            results.append("zd")
        except:  # noqa: E722
            results.append("bare")
    return results


def while_else_continue():
    i = 0
    log = []
    while i < 5:
        i += 1
        if i == 2:
            continue
        try:
            if i == 4:
                continue
            log.append(i)
        finally:
            log.append(-i)
    else:
        log.append("else")
    return log


def deep_unwind():
    for i in range(2):
        try:
            for j in range(2):
                with Ctx("d%d%d" % (i, j)):
                    try:
                        if j == 1:
                            break
                    finally:
                        print("in", i, j)
        finally:
            print("out", i)
        if i == 0:
            continue
    return "done"


print(loop_break_in_finally())
print(continue_through_with())
print(return_in_finally_overrides())
print(return_from_nested_with())
print(swallowed())
print(break_out_of_except())
print(nested_loops_else())
g = gen_with_finally()
print(next(g), next(g))
g.close()
print(list(gen_with_finally())[-1])
print(reraise_chain())
print(except_tuple_and_bare())
print(while_else_continue())
print(deep_unwind())
try:
    with Ctx("x"):
        1 / 0
except ZeroDivisionError:
    print("propagated")
