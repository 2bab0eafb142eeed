# Builds the test lab's experiment with the stand-in ARTIQ classes (plain
# Python, under pylib/) and writes its snapshot with the Python exporter.
#
#   python3 export_lab.py OUT [NAME=VALUE]...
#
# Run from this directory with PYTHONPATH=pylib:experiments:<repo>/python.

import importlib
import json
import sys

from artiq.language.environment import ArgumentManager, DatasetManager, DeviceManager
import rules_artiq_snapshot


class Scheduler:
    pass


def main():
    out = sys.argv[1]
    arguments = {}
    for a in sys.argv[2:]:
        name, value = a.split("=", 1)
        arguments[name] = eval(value, {})
    namespace = {}
    with open("device_db.py") as f:
        exec(f.read(), namespace)
    with open("datasets.json") as f:
        datasets = json.load(f)
    dmgr = DeviceManager(namespace["device_db"], virtual_devices={"scheduler": Scheduler()})
    managers = (dmgr, DatasetManager(datasets), ArgumentManager(arguments))
    module = importlib.import_module("rabi_scan")
    exp = module.RabiScan(managers)
    exp.prepare()
    rules_artiq_snapshot.export(exp, out, device_mgr=dmgr, module="rabi_scan")


if __name__ == "__main__":
    main()
