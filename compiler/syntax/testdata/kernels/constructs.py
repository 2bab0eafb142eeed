from artiq.experiment import *
import numpy as np, a.b.c as d
from .. import x
from ...foo.bar import (a as b, c,)

@syscall(flags={"nounwind", "nowrite"})
def rtio_output(target: TInt32, data: TInt32) -> TNone:
    raise NotImplementedError("syscall not simulated")

@rpc(flags={"async"})
def log(x): ...

class Exp(EnvExperiment, object):
    """docstring"""
    kernel_invariants = {"a", "b"}
    def build(self, *args, k=1, **kw):
        self.setattr_device("core")
        self.x: int32 = 5
        d = {"a": 1, 2: [3, 4]}

    @kernel
    def run(self, n: int32 = 10, *, dur: float = 1e-6) -> None:
        t = now_mu()
        for i in range(n):
            with parallel:
                self.ttl0.pulse(dur)
                delay(2*us)
            if i % 2 == 0 and not i > 5 or i is not None:
                continue
            elif i in [1, 2, 3] or i not in (4, 5):
                break
            else:
                pass
        else:
            x = y = z = 0
        while t < 10 ** 3:
            t += 1; t <<= 2; t //= 3; t **= 2; t @= q; t ^= 1; t |= 2; t &= 3; t %= 4; t >>= 1; t -= 1; t *= 2; t /= 1
        a, b = b, a
        (a, b), c = [1, 2], 3
        *a, b = c
        x = a if b else c if d else e
        l = [i * 2 for i in range(10) if i % 2 for j in range(i) if j]
        s = a[1:2], a[::2], a[1:2, 3], a[:], a[1:], a[:-1], a[...]
        f = lambda x, y=1, *a, z, **k: x + y
        g = lambda: 0
        assert x == 1, "msg"
        assert x
        try:
            foo()
        except (ValueError, IndexError) as e:
            raise
        except RuntimeError:
            raise ValueError("x")
        except:
            pass
        else:
            pass
        finally:
            return a, b
        del a, b[1], c.d
        global q, r
        nonlocal s
        return
        -2**2; 2**-1; ~x; +x; -x; not not x
        a < b == c != d > e >= f <= g
        a | b ^ c & d << e >> f + g - h * i / j // k % l @ m
        x = 0x_FF + 0o17 + 0b1_0 + 1_000 + 1.5 + .5 + 1. + 1e3 + 1_0.0_1e-1_0 + 00 + 0
        s = "a" 'b' """c""" '''d''' r"\n" R'\d' u"x"
        b = b"a" rb"\x" Br'y'
        e = "\n\t\\\'\"\x41\u00e9\U0001F600\101\0"
        with a as b, c as d: pass
        with (a as b, c as d,): pass
        with (a, b): pass
        with (a, b) as c: pass
        with (a): pass
        with (a) as b: pass
        with (yield_) as b, (c) as (d, e): pass
        f(a)(b)[c].d
        f(*a, *b, c=1, **d)
        x = ()
        x = (1,)
        x = (1)
        x = [*a, *b]
        x = {*a, b}
        x = {}
        x = {1: 2,}
        x = [
            1,
            2,
        ]
        if x: pass
        elif y: pass
        while x: pass
        else: pass
        x = 1 \
            + 2
        print(x, sep="")
    def f(self, a, b: int = 2, *, c, d=4): pass
    def g(self, *a: int, **b: int): pass
