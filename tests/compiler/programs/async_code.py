# async def, await, async for, async with, driven without an event loop.
class Awaitable:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        yield "suspend"
        return self.v
    __iter__ = __await__
async def add(a, b):
    x = await Awaitable(a)
    return x + b
class AIter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Awaitable(None)
        return self.i
class ACM:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("enter", self.name)
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        print("exit", self.name, et is not None)
        return False
async def main():
    total = await add(1, 2)
    print("total", total)
    async for i in AIter(3):
        print("ai", i)
    else:
        print("async for else")
    async with ACM("a") as a, ACM("b") as b:
        print("inside", a, b)
    try:
        async with ACM("c"):
            raise ValueError("v")
    except ValueError as e:
        print("propagated", e)
    async for j in AIter(5):
        if j == 2:
            continue
        if j == 4:
            break
        print("aj", j)
    return "main done"
def run(coro):
    steps = 0
    try:
        while True:
            coro.send(None)
            steps += 1
    except StopIteration as e:
        return e.value, steps
print(run(main()))
async def returns_early(flag):
    if flag:
        return "early"
    await Awaitable(0)
    return "late"
print(run(returns_early(True)), run(returns_early(False)))
