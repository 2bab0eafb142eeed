# String comparisons drive a small state machine.
def next_state(s: str, ev: str) -> str:
    if s == "idle" and ev == "start":
        return "running"
    if s == "running" and ev == "pause":
        return "paused"
    if s == "paused" and ev == "start":
        return "running"
    if ev == "stop":
        return "idle"
    return s

state = "idle"
for ev in ["start", "pause", "bogus", "start", "stop", "pause"]:
    state = next_state(state, ev)
    print(ev, "->", state)
