"""Gated photon counting that keeps its statistics on the host, as ARTIQ
experiments do: the kernel records each point in a dataset
(mutate_dataset, append_to_dataset), asks a host method of the experiment
whether the point was bright (an RPC that returns a value), reports its
progress with an async one, and checks the scheduler between points. The
probe sequence is ttl_counting's, and so are its photons."""

from artiq.experiment import *


class PhotonStats(EnvExperiment):
    """Gated counting with datasets and host methods."""

    def build(self):
        self.setattr_device("core")
        self.setattr_device("probe")
        self.setattr_device("repump")
        self.setattr_device("pmt")
        self.setattr_device("scheduler")
        self.setattr_argument("n_points", NumberValue(3, precision=0, step=1, type="int"))
        self.setattr_argument("threshold", NumberValue(3, precision=0, step=1, type="int"))
        self.t_probe = 2*us
        self.t_step = 1*us
        self.gate_margin_mu = int64(100)
        self.histogram = {}  # host-only: the kernel never reads it
        self.set_dataset("photon_stats.counts", [0]*self.n_points, broadcast=True)
        self.set_dataset("photon_stats.bright", [])

    def is_bright(self, i, n) -> TBool:
        """Runs on the host, while the kernel waits for the answer."""
        self.histogram[n] = self.histogram.get(n, 0) + 1
        if n >= self.threshold:
            self.append_to_dataset("photon_stats.bright", i)
            return True
        return False

    @rpc(flags={"async"})
    def progress(self, i):
        print("point", i, "done")

    def summary(self, total):
        self.set_dataset("photon_stats.total", total, broadcast=True)
        self.set_dataset("photon_stats.histogram", sorted(self.histogram.items()))
        print("histogram", sorted(self.histogram.items()))

    @kernel
    def point(self, i: TInt32) -> TInt32:
        t_probe = self.t_probe + i*self.t_step
        gate_mu = self.core.seconds_to_mu(t_probe) + 2*self.gate_margin_mu
        with parallel:
            t_end = self.pmt.gate_rising_mu(gate_mu)
            with sequential:
                delay_mu(self.gate_margin_mu)
                self.probe.pulse(t_probe)
        return self.pmt.count(t_end)

    @kernel
    def run(self):
        self.core.reset()
        self.pmt.input()
        delay(1*us)
        total = 0
        for i in range(self.n_points):
            self.repump.pulse(5*us)
            delay(1*us)
            n = self.point(i)
            total += n
            self.mutate_dataset("photon_stats.counts", i, n)
            if self.is_bright(i, n):
                print("point", i, "is bright:", n, "photons")
            self.progress(i)
            self.core.break_realtime()
            if self.scheduler.check_pause():
                break
        self.summary(total)
