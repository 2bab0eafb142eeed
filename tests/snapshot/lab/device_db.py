# The device database of the example lab: one core device, four TTL
# outputs (two of them behind aliases) and a controller that kernels
# never see.

core_addr = "192.168.1.70"

device_db = {
    "core": {
        "type": "local",
        "module": "lib.core",
        "class": "Core",
        "arguments": {"host": core_addr, "ref_period": 1e-9},
    },
}

for i in range(4):
    device_db["ttl" + str(i)] = {
        "type": "local",
        "module": "lib.ttl",
        "class": "TTLOut",
        "arguments": {"channel": i},
    }

device_db.update({
    "led": "ttl0",
    "cooling": "ttl1",
    "shutter": "cooling",
})

device_db["wavemeter"] = {
    "type": "controller",
    "host": "::1",
    "port": 3270,
    "command": "wavemeter_controller -p {port}",
}
