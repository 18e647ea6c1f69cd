"""Prints the Markdown comparison of our benches with the Hugging Face reference.

Run by scripts/bench-compare; reads, for each interleaved pair, the reference's JSON
(bench/hf_reference.py --out), ours (benches/workloads, HIGHSTAKES_BENCH_OUT) and the
matmul peak measured before and after the pair (hf_reference.py --only peak); and the
interactive budget's (benches/interactive, HIGHSTAKES_BENCH_INTERACTIVE_OUT). Each
workload's ratio is the median over the pairs, with its range; a pair whose peak moved by
more than 20% is flagged. Standard library only.

    python bench/compare.py --pair DIR [--pair DIR …] [--interactive I.json]
        [--command CMD] [--commit SHA]
    python bench/compare.py --hf HF.json --ours OURS.json …   (one pair, no peaks)

A pair DIR holds hf.json, ours.json, peak-before.json and peak-after.json.
"""
import argparse
import datetime
import json
import statistics
import subprocess

# The performance targets (README, Performance): >= 1.5x the reference on every tiny configuration, >= 1.1x on the
# larger ones (DeBERTa-v3-xsmall, GPT-Neo-125M).
TARGETS = {"tiny": 1.5, "xsmall": 1.1, "125m": 1.1}
SEQ = 96
# A pair whose fp32 matmul peak moved by more than this share ran on a machine that changed
# speed under it.
PEAK_MOVE = 0.20
PEAK = ("W6 matmul f32", "1024^3")


def deberta_shape(config):
    """(hidden, intermediate, layers) of the reference's DeBERTa configurations."""
    return (128, 512, 4) if config == "tiny" else (384, 1536, 12)


def w1_flops_ours(config, batch=64, length=SEQ):
    """Matrix-product FLOPs our W1 forward executes: every layer but the last over all
    tokens with 2L-1 relative distances (padded to a multiple of 16), the last layer's
    queries, attention and feed-forward at token 0 only, then the pooler."""
    h, i, n = deberta_shape(config)
    r = -(-(2 * length - 1) // 16) * 16
    tokens = batch * length
    full = (2 * tokens * h * 3 * h          # query, key, value
            + 2 * 2 * r * h * h             # position keys and queries
            + 2 * 2 * tokens * r * h        # c2p and p2c products
            + 2 * 2 * tokens * length * h   # q k^T and probs v
            + 2 * tokens * h * h            # attention output
            + 2 * 2 * tokens * h * i)       # feed-forward
    last = (2 * tokens * h * 2 * h + 2 * batch * h * h + 2 * 2 * r * h * h
            + 2 * batch * r * h + 2 * batch * length * h
            + 2 * 2 * batch * length * h + 2 * batch * h * h + 2 * 2 * batch * h * i)
    return (n - 1) * full + last + 2 * batch * h * h + 2 * batch * h * 2


def w1_flops_reference(config, batch=64, length=SEQ, span=256):
    """Matrix-product FLOPs transformers' W1 forward executes: every layer over all tokens,
    c2p and p2c against all 2 * span relative embeddings."""
    h, i, n = deberta_shape(config)
    tokens = batch * length
    layer = (2 * tokens * h * 3 * h + 2 * 2 * (2 * span) * h * h
             + 2 * 2 * tokens * (2 * span) * h + 2 * 2 * tokens * length * h
             + 2 * tokens * h * h + 2 * 2 * tokens * h * i)
    return n * layer + 2 * batch * h * h + 2 * batch * h * 2


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:
        return "?"
    return next((l.split(":", 1)[1].strip() for l in out.splitlines()
                 if l.startswith("Model name")), "?")


def peak_of(path):
    """The fp32 matmul peak (GFLOP/s) in a reference JSON, or None."""
    rows = json.load(open(path))["rows"]
    return next((r["throughput"] for r in rows if (r["workload"], r["config"]) == PEAK), None)


def load_pairs(a):
    """[(reference JSON, our JSON, [peaks measured around the pair])] in run order."""
    pairs = []
    for d in a.pair or []:
        peaks = [peak_of(f"{d}/peak-before.json"), peak_of(f"{d}/peak-after.json")]
        pairs.append((json.load(open(f"{d}/hf.json")), json.load(open(f"{d}/ours.json")),
                      [p for p in peaks if p]))
    if a.hf and a.ours:
        pairs.append((json.load(open(a.hf)), json.load(open(a.ours)), []))
    if not pairs:
        raise SystemExit("give --pair DIR (one or more) or --hf and --ours")
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pair", action="append")
    ap.add_argument("--hf")
    ap.add_argument("--ours")
    ap.add_argument("--interactive")
    ap.add_argument("--command", default="scripts/bench-compare")
    ap.add_argument("--commit", default="?")
    a = ap.parse_args()
    pairs = load_pairs(a)
    hf, ours = pairs[0][0], pairs[0][1]
    keyed = [({(r["workload"], r["config"]): r for r in h["rows"]},
              {(r["workload"], r["config"]): r for r in o["rows"]}) for h, o, _ in pairs]
    print(f"- machine: {cpu_model()} ({hf.get('cpu', '?')}), {ours['threads']} threads "
          f"for both (reference: {hf['threads']})")
    print(f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}")
    print(f"- command: `{a.command}`; commit {a.commit}")
    print(f"- reference: transformers {hf['transformers']}, torch {hf['torch']}, "
          f"Python {hf['python']}; ours: the same libtorch through tch")
    print(f"- {len(pairs)} interleaved pair(s) (reference, then ours); throughputs are "
          f"medians over the pairs, the ratio is the median of the pairs' ratios")
    print()
    print("| Workload | Config | Ours | Hugging Face | Ratio | Range | Target | Met |")
    print("|---|---|---:|---:|---:|---:|---:|:---:|")
    met_all = True
    medians = {}
    for r in ours["rows"]:
        key = (r["workload"], r["config"])
        both = [(o[key], t[key]) for t, o in keyed if key in o and key in t]
        if not both:
            continue
        ratios = [o["throughput"] / t["throughput"] for o, t in both]
        ratio = statistics.median(ratios)
        mine = statistics.median(o["throughput"] for o, _ in both)
        ref = statistics.median(t["throughput"] for _, t in both)
        medians[key] = (statistics.median(o["median_s"] for o, _ in both),
                        statistics.median(t["median_s"] for _, t in both))
        target = TARGETS.get(r["config"], 1.0)
        met = ratio >= target
        met_all &= met
        print(f"| {r['workload']} | {r['config']} | {mine:.1f} {r['unit']} "
              f"| {ref:.1f} {r['unit']} | {ratio:.2f}x | {min(ratios):.2f}–{max(ratios):.2f}x "
              f"| {target}x | {'yes' if met else 'no'} |")
    flagged = []
    peaks_seen = []
    if any(p for _, _, p in pairs):
        print()
        print("Matmul peak (fp32, 1024^3, 2 threads) before and after each pair:")
        for k, (_, _, p) in enumerate(pairs, 1):
            if len(p) < 2:
                continue
            peaks_seen += p
            moved = max(p) / min(p) - 1
            flag = moved > PEAK_MOVE
            if flag:
                flagged.append(k)
            print(f"- pair {k}: {p[0]:.1f} then {p[1]:.1f} GFLOP/s, moved {100 * moved:.0f}%"
                  f"{' — FLAGGED: the machine changed speed during this pair' if flag else ''}")
    peak_value = statistics.median(peaks_seen) if peaks_seen else None
    if peak_value is None:
        ref_peak = keyed[0][0].get(PEAK)
        peak_value = ref_peak["throughput"] if ref_peak else None
    w1 = {r["config"]: r for r in ours["rows"]
          if r["workload"] == "W1 scoring" and ("W1 scoring", r["config"]) in medians}
    if peak_value and w1:
        print()
        print(f"W6: fp32 matmul peak (median of the measurements): {peak_value:.1f} GFLOP/s.")
        for config in w1:
            if config == "tiny" and "xsmall" in w1:
                continue
            ours_s, ref_s = medians[("W1 scoring", config)]
            executed = w1_flops_ours(config) / 1e9
            rate = executed / ours_s
            hf_executed = w1_flops_reference(config) / 1e9
            hf_rate = hf_executed / ref_s
            print(f"W1 {config}: ours executes {executed:.1f} GFLOP of matrix products per "
                  f"batch of 64 in {ours_s:.3f} s = {rate:.1f} GFLOP/s "
                  f"({100 * rate / peak_value:.0f}% of the peak); transformers executes "
                  f"{hf_executed:.1f} GFLOP in {ref_s:.3f} s = {hf_rate:.1f} GFLOP/s "
                  f"({100 * hf_rate / peak_value:.0f}%).")
    if a.interactive:
        i = json.load(open(a.interactive))
        t = i["total_ms"]
        print()
        print(f"Interactive budget (saliency + sorted dropdown, default-size models, "
              f"{i['threads']} threads, {i['interactions']} clicks): p50 {t['p50']:.1f} ms, "
              f"p95 {t['p95']:.1f} ms, max {t['max']:.1f} ms; budget {i['budget_ms']:.0f} ms "
              f"at p95: {'met' if t['p95'] < i['budget_ms'] else 'not met'} "
              f"(saliency p95 {i['saliency_ms']['p95']:.1f} ms, dropdown p95 "
              f"{i['dropdown_ms']['p95']:.1f} ms).")
    print()
    print(f"All throughput targets met: {'yes' if met_all else 'no'}"
          f"{f' (pairs {flagged} flagged: rerun on a quieter machine)' if flagged else ''}.")


if __name__ == "__main__":
    main()
