# seconds_to_mu and mu_to_seconds round-trip.
for sec in [1e-9, 1e-6, 2.5e-6, 1e-3, 1.0, 0.1234567]:
    mu = seconds_to_mu(sec)
    print(mu, mu_to_seconds(mu))
print(seconds_to_mu(3 * us), seconds_to_mu(1 * ms) * 2)
print(mu_to_seconds(int64(1000000000)), mu_to_seconds(int64(1)))
print(seconds_to_mu(1 * s) // seconds_to_mu(1 * us))
