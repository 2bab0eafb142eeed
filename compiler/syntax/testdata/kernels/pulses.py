"""Pulse sequences on TTL outputs, as a lab would write them."""

from artiq.experiment import *
from artiq.coredevice.ttl import TTLOut


@syscall(flags={"nounwind", "nowrite"})
def rtio_output(target: TInt32, data: TInt32) -> TNone:
    raise NotImplementedError("syscall not simulated")


@rpc(flags={"async"})
def report(n: TInt32):
    pass


N_CHANNELS: int32 = 8


class Pulses(EnvExperiment):
    kernel_invariants = {"period_mu"}

    def build(self):
        self.setattr_device("core")
        self.ttls = [self.get_device("ttl" + str(i)) for i in range(N_CHANNELS)]
        self.period_mu = 1000

    @kernel
    def pulse(self, channel: int32, duration_mu: int64) -> None:
        rtio_output(channel << 8, 1)
        delay_mu(duration_mu)
        rtio_output(channel << 8, 0)

    @kernel
    def run(self):
        self.core.reset()
        t0 = now_mu()
        for i in range(10):
            with parallel:
                self.pulse(0, self.period_mu // 2)
                with sequential:
                    delay(1*us)
                    self.ttls[1].pulse(2*us)
            if i % 3 == 0 and i != 0:
                report(i)
            elif i > 7:
                break
        else:
            at_mu(t0 + 10 * self.period_mu)
        assert now_mu() >= t0, "time went backwards"
        try:
            self.ttls[2].on()
        except RTIOUnderflow:
            self.core.break_realtime()
        finally:
            self.ttls[2].off()
