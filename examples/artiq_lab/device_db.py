# The device database of the example lab that uses ARTIQ's drivers
# (through @artiq, the artiq_sources repository of examples/artiq_pkg):
# the core device, TTL outputs, a TTL input that counts photons (pmt), and
# a DDS on an SPI bus whose IO_UPDATE line is a TTL.

core_addr = "192.168.1.70"

device_db = {
    "core": {
        "type": "local",
        "module": "artiq.coredevice.core",
        "class": "Core",
        "arguments": {"host": core_addr, "ref_period": 1e-9},
    },
    "core_log": {
        "type": "controller",
        "host": "::1",
        "port": 1068,
        "command": "aqctl_corelog -p {port} --bind {bind} " + core_addr,
    },
}

# Four TTL outputs on RTIO channels 0-3.
for i in range(4):
    device_db["ttl" + str(i)] = {
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLOut",
        "arguments": {"channel": i},
    }

device_db.update(
    ttl4={
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLInOut",
        "arguments": {"channel": 4},
    },
    spi_dds={
        "type": "local",
        "module": "artiq.coredevice.spi2",
        "class": "SPIMaster",
        "arguments": {"channel": 8},
    },
    ttl_dds_update={
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLOut",
        "arguments": {"channel": 9},
    },
    dds0={
        "type": "local",
        "module": "artiq.coredevice.ad99xx",
        "class": "AD99xx",
        "arguments": {
            "spi_device": "spi_dds",
            "chip_select": 1,
            "io_update_device": "ttl_dds_update",
            "sysclk": 1e9,
        },
    },
)

# Aliases: what the experiments call the devices.
device_db["pmt"] = "ttl4"
device_db["cooling"] = "ttl0"
device_db["repump"] = "ttl1"
device_db["probe"] = "cooling"
