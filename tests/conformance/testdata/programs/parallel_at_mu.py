# at_mu and now_mu inside parallel branches.
at_mu(int64(500))
with parallel:
    with sequential:
        print(now_mu())
        delay_mu(int64(100))
        print(now_mu())
    with sequential:
        print(now_mu())
        delay_mu(int64(30))
        print(now_mu())
    print(now_mu())
print(now_mu())
