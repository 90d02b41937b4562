"""Independent reference numbers for ComparisonMethodsTest (proportion example) and the count-rate example.

Run: python3 funnel_od_reference.py   (numpy and scipy; nothing is shared with the Java code).
The Java tests hold the printed numbers as literals.
Percentiles: numpy.percentile(method="linear") is R's type 7. Sample SD: numpy ddof=1.
"""
import numpy as np
from scipy.stats import norm, median_abs_deviation

Z95, Z998 = 1.959964, 3.090232
print("check z:", norm.ppf(0.975), norm.ppf(0.999))

# code, numerator, denominator; X is excluded, M has no value
forces = [("A", 4800, 10000), ("B", 12700, 25000), ("C", 2940, 6000), ("D", 700, 1000),
          ("E", 7800, 15000), ("F", 14700, 30000), ("G", 4100, 8000)]
excluded = [("X", 30, 40)]
mult = 100.0

num = np.array([f[1] for f in forces], float)
den = np.array([f[2] for f in forces], float)
p = num / den
val = p * mult
k = len(forces)
p0 = num.sum() / den.sum()
print("p0 =", repr(p0), " benchmark % =", repr(p0 * mult))

s = np.sqrt(p0 * (1 - p0) / den)
z = (p - p0) / s
lo, hi = np.percentile(z, [10, 90], method="linear")
zw = np.clip(z, lo, hi)
phi = np.mean(zw ** 2)
w = 1 / s ** 2
tau2 = (k * phi - (k - 1)) / (w.sum() - (w ** 2).sum() / w.sum()) if k * phi > k - 1 else 0.0
print("z =", [repr(x) for x in z])
print("z p10, p90 =", repr(lo), repr(hi))
print("phi =", repr(phi), " tau2 =", repr(tau2))

def limits(n, zz, extra=0.0):
    half = zz * np.sqrt(p0 * (1 - p0) / n + extra)
    return (p0 - half) * mult, (p0 + half) * mult

def band(v, l, h):
    return "ABOVE" if v > h else "BELOW" if v < l else "WITHIN"

def wilson(r, n, zz=Z95):
    q = r / n
    c = q + zz * zz / (2 * n)
    d = zz * np.sqrt(q * (1 - q) / n + zz * zz / (4 * n * n))
    return (c - d) / (1 + zz * zz / n) * mult, (c + d) / (1 + zz * zz / n) * mult

med = np.median(val)
mad = median_abs_deviation(val) * 1.4826
print("median =", repr(med), " MAD*1.4826 =", repr(mad), " limits", repr(med - mad), repr(med + mad))
m_all, sd_all = val.mean(), val.std(ddof=1)
print("mean =", repr(m_all), " sd =", repr(sd_all), " sd1 limits", repr(m_all - sd_all), repr(m_all + sd_all))

for code, r, n in forces + excluded:
    v = r / n * mult
    others = np.array([x for c2, r2, n2 in forces for x in [r2 / n2 * mult] if c2 != code])
    m, sd = others.mean(), others.std(ddof=1)
    print(f"--- {code} value={v!r} sd1 {band(v, m_all - sd_all, m_all + sd_all)}")
    print("  loo   ", repr(m - sd), repr(m + sd), band(v, m - sd, m + sd))
    print("  mad   ", band(v, med - mad, med + mad))
    wl, wh = wilson(r, n)
    wb = "ABOVE" if wl > p0 * mult else "BELOW" if wh < p0 * mult else "WITHIN"
    print("  wilson", repr(wl), repr(wh), wb)
    for name, zz, extra in [("f95   ", Z95, 0), ("f998  ", Z998, 0), ("f998od", Z998, tau2)]:
        l, h = limits(n, zz, extra)
        print("  " + name, repr(l), repr(h), band(v, l, h))

# missing force: leave-one-out over all seven
print("--- M loo", repr(val.mean() - val.std(ddof=1)), repr(val.mean() + val.std(ddof=1)))

# count-rate example: per 1,000, Byar
print("=== count-rate")
cr = [("P", 10, 2000.0), ("Q", 150, 20000.0), ("R", 300, 50000.0), ("S", 120, 10000.0)]
mult = 1000.0
cnum = np.array([c[1] for c in cr], float)
cden = np.array([c[2] for c in cr], float)
b = cnum.sum() / cden.sum() * mult
print("benchmark per 1000 =", repr(b))

def byar(o, zz=Z95):
    lo = 0.0 if o == 0 else o * (1 - 1 / (9 * o) - zz / (3 * np.sqrt(o))) ** 3
    o1 = o + 1
    return lo, o1 * (1 - 1 / (9 * o1) + zz / (3 * np.sqrt(o1))) ** 3

for code, o, e in cr:
    l, h = byar(o)
    l, h = l / e * mult, h / e * mult
    print(code, repr(o / e * mult), repr(l), repr(h), "ABOVE" if l > b else "BELOW" if h < b else "WITHIN")
