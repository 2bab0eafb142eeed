"""TTL pulses with gated counting that record their results as ARTIQ
experiments do, from the kernel: in datasets (set_dataset,
mutate_dataset), through a host method of the experiment that returns a
value, an async one, and the scheduler (tools/check_artiq.sh)."""

from artiq.experiment import *


class RPCCounting(EnvExperiment):
    """Gated counting with datasets and host methods."""

    def build(self):
        self.setattr_device("core")
        self.setattr_device("ttl_out")
        self.setattr_device("ttl_in")
        self.setattr_device("scheduler")
        self.n_gates = 3
        self.threshold = 2
        self.bright = {}  # host-only bookkeeping, not a kernel value
        self.set_dataset("counts", [0]*self.n_gates, broadcast=True)

    def record(self, gate, n) -> TBool:
        """Runs on the host: the kernel waits for its answer."""
        self.bright[gate] = n >= self.threshold
        print("gate", gate, "counts", n, "bright" if self.bright[gate] else "dark")
        return self.bright[gate]

    @rpc(flags={"async"})
    def progress(self, gate):
        print("gate", gate, "done")

    def summary(self):
        self.set_dataset("bright_gates", sorted(g for g, b in self.bright.items() if b))

    @kernel
    def run(self):
        self.core.reset()
        self.ttl_in.input()
        delay(10*us)
        n_bright = 0
        for gate in range(self.n_gates):
            t_end = self.ttl_in.gate_rising(100*us)
            n = self.ttl_in.count(t_end)
            self.mutate_dataset("counts", gate, n)
            if self.record(gate, n):
                n_bright += 1
            self.progress(gate)
            self.ttl_out.pulse(10*us)
            delay(10*us)
            if self.scheduler.check_pause():
                break
        self.set_dataset("bright", n_bright, broadcast=True)
        self.summary()
