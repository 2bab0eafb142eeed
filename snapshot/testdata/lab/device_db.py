# The device database of a small test lab: one core, four TTL outputs,
# two TTL inputs, aliases (one of them a chain) and a controller.

core_addr = "192.168.1.70"

device_db = {
    "core": {
        "type": "local",
        "module": "artiq.coredevice.core",
        "class": "Core",
        "arguments": {"host": core_addr, "ref_period": 1e-9, "ref_multiplier": 8},
    },
}

# TTL outputs on channels 0..3.
for i in range(4):
    device_db["ttl" + str(i)] = {
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLOut",
        "arguments": {"channel": i},
    }

# TTL inputs on channels 4 and 5.
for ch in [4, 5]:
    device_db["ttl%d" % ch] = {
        "type": "local",
        "module": "artiq.coredevice.ttl",
        "class": "TTLInOut",
        "arguments": {"channel": ch},
    }

device_db.update({
    "led": "ttl0",
    "cooling": "ttl1",
    "repump": "ttl%d" % (1 + 1),
    "detector": "ttl4",
    "pmt": "detector",
})

device_db["wavemeter"] = {
    "type": "controller",
    "host": "::1",
    "port": 3250 + 2 * 10,
    "command": "wavemeter_controller -p {port}",
}
