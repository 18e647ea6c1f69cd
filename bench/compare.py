"""Prints the Markdown comparison of our benches with the Hugging Face reference.

Run by scripts/bench-compare; reads the reference's JSON (bench/hf_reference.py --out),
ours (benches/workloads, HIGHSTAKES_BENCH_OUT) and the interactive budget's
(benches/interactive, HIGHSTAKES_BENCH_INTERACTIVE_OUT). Standard library only.

    python bench/compare.py --hf HF.json --ours OURS.json [--interactive I.json]
        [--command CMD] [--commit SHA]
"""
import argparse
import datetime
import json
import subprocess

# The performance targets (README, Performance): >= 1.5x the reference on every tiny configuration, >= 1.1x on the
# larger ones (DeBERTa-v3-xsmall, GPT-Neo-125M).
TARGETS = {"tiny": 1.5, "xsmall": 1.1, "125m": 1.1}
SEQ = 96


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hf", required=True)
    ap.add_argument("--ours", required=True)
    ap.add_argument("--interactive")
    ap.add_argument("--command", default="scripts/bench-compare")
    ap.add_argument("--commit", default="?")
    a = ap.parse_args()
    hf = json.load(open(a.hf))
    ours = json.load(open(a.ours))
    theirs = {(r["workload"], r["config"]): r for r in hf["rows"]}
    print(f"- machine: {cpu_model()} ({hf.get('cpu', '?')}), {ours['threads']} threads "
          f"for both (reference: {hf['threads']})")
    print(f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}")
    print(f"- command: `{a.command}`; commit {a.commit}")
    print(f"- reference: transformers {hf['transformers']}, torch {hf['torch']}, "
          f"Python {hf['python']}; ours: the same libtorch through tch")
    print()
    print("| Workload | Config | Ours | Hugging Face | Ratio | Target | Met |")
    print("|---|---|---:|---:|---:|---:|:---:|")
    met_all = True
    for r in ours["rows"]:
        ref = theirs.get((r["workload"], r["config"]))
        if ref is None:
            continue
        ratio = r["throughput"] / ref["throughput"]
        target = TARGETS.get(r["config"], 1.0)
        met = ratio >= target
        met_all &= met
        print(f"| {r['workload']} | {r['config']} | {r['throughput']:.1f} {r['unit']} "
              f"| {ref['throughput']:.1f} {ref['unit']} | {ratio:.2f}x | {target}x "
              f"| {'yes' if met else 'no'} |")
    peak = theirs.get(("W6 matmul f32", "1024^3"))
    w1 = {r["config"]: r for r in ours["rows"] if r["workload"] == "W1 scoring"}
    if peak and w1:
        print()
        print(f"W6: fp32 matmul peak measured by the reference (1024^3, 2 threads): "
              f"{peak['throughput']:.1f} GFLOP/s.")
        for config, r in w1.items():
            if config == "tiny" and "xsmall" in w1:
                continue
            executed = w1_flops_ours(config) / 1e9
            rate = executed / r["median_s"]
            line = (f"W1 {config}: ours executes {executed:.1f} GFLOP of matrix products per "
                    f"batch of 64 in {r['median_s']:.3f} s = {rate:.1f} GFLOP/s "
                    f"({100 * rate / peak['throughput']:.0f}% of the peak)")
            ref = theirs.get(("W1 scoring", config))
            if ref:
                hf_executed = w1_flops_reference(config) / 1e9
                hf_rate = hf_executed / ref["median_s"]
                line += (f"; transformers executes {hf_executed:.1f} GFLOP in "
                         f"{ref['median_s']:.3f} s = {hf_rate:.1f} GFLOP/s "
                         f"({100 * hf_rate / peak['throughput']:.0f}%)")
            print(line + ".")
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
    print(f"All throughput targets met: {'yes' if met_all else 'no'}.")


if __name__ == "__main__":
    main()
