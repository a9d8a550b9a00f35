# try/except/else/finally and their interplay with return/break/continue.
def classify(v):
    try:
        if v == 0:
            raise ValueError("zero")
        if v == 1:
            raise KeyError("one")
        if v == 2:
            return 1 / 0
        r = 10 // v
    except ValueError as e:
        return "value:" + str(e)
    except (KeyError, IndexError) as e:
        return "lookup:" + str(e)
    except Exception:
        return "other"
    else:
        return "ok:" + str(r)
    finally:
        print("finally", v)
for v in range(4):
    print(classify(v))
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())
def break_in_finally():
    out = []
    for i in range(5):
        try:
            out.append(i)
            if i == 2:
                break
        finally:
            out.append("f")
    return out
print(break_in_finally())
def continue_in_try():
    out = []
    for i in range(4):
        try:
            if i % 2:
                continue
            out.append(i)
        except Exception:
            pass
        finally:
            out.append("x")
    return out
print(continue_in_try())
def nested():
    try:
        try:
            raise TypeError("inner")
        except TypeError:
            raise RuntimeError("outer")
        finally:
            print("inner finally")
    except RuntimeError as e:
        return str(e)
print(nested())
def reraise():
    try:
        try:
            [][1]
        except IndexError:
            print("handling")
            raise
    except IndexError as e:
        return "reraised " + type(e).__name__
print(reraise())
def bare_except():
    try:
        {}["k"]
    except:
        return "bare"
print(bare_except())
def except_var_deleted():
    try:
        raise ValueError(1)
    except ValueError as err:
        pass
    try:
        return err
    except NameError:
        return "err unbound"
print(except_var_deleted())
def return_in_except_with_finally():
    try:
        raise OSError
    except OSError:
        return "from except"
    finally:
        print("cleanup ran")
print(return_in_except_with_finally())
def loop_with_try_while():
    i = 0
    while i < 5:
        i += 1
        try:
            if i == 3:
                continue
            if i == 5:
                break
        finally:
            print("tick", i)
    return i
print(loop_with_try_while())
class Res:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("open", self.n)
        return self
    def __exit__(self, t, v, tb):
        print("close", self.n, t.__name__ if t else None)
        return t is KeyError
def with_flow():
    for i in range(3):
        with Res(i) as r:
            if i == 0:
                continue
            if i == 1:
                raise KeyError("suppressed")
            return r.n
print(with_flow())
try:
    with Res("a"), Res("b"):
        raise ValueError("through")
except ValueError as e:
    print("caught", e)
def raise_from():
    try:
        raise ValueError("a")
    except ValueError as e:
        raise RuntimeError("b") from None
try:
    raise_from()
except RuntimeError as e:
    print("raise from", e)
try:
    raise StopIteration
except StopIteration:
    print("stopiteration")
try:
    assert False, "assertion message"
except AssertionError as e:
    print("assert", e)
try:
    assert 1 == 2
except AssertionError as e:
    print("assert no msg", e.args)
def deep_finally(n):
    try:
        if n:
            return deep_finally(n - 1)
        raise ZeroDivisionError
    finally:
        print("unwind", n)
try:
    deep_finally(3)
except ZeroDivisionError:
    print("bottom")
