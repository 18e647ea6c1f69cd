# Vendored unchanged from ../shared/bench/hf_reference.py (the workspace's shared reference script,
# outside the repository) so that scripts/bench-compare works on a clean clone: only these
# three comment lines were added. The reference that our benches (benches/workloads) mirror.
"""Reference CPU throughput of Hugging Face transformers on the highstakes workloads.

Run: python ../shared/bench/hf_reference.py --out results.json [--only tiny]
Random-init models (seed 0), 2 threads, sequence length 96; medians of timed repetitions.
"""
import argparse, json, platform, statistics, subprocess, time
import torch
import transformers
from transformers import (DebertaV2Config, DebertaV2ForSequenceClassification,
                          DebertaV2ForMaskedLM, GPTNeoConfig, GPTNeoForCausalLM)

SEQ = 96

def deberta_config(name):
    common = dict(max_position_embeddings=512, relative_attention=True, position_buckets=256,
                  max_relative_positions=-1, pos_att_type=["p2c", "c2p"], share_att_key=True,
                  norm_rel_ebd="layer_norm", position_biased_input=False, type_vocab_size=0,
                  layer_norm_eps=1e-7, num_labels=2, hidden_dropout_prob=0.0,
                  attention_probs_dropout_prob=0.0)
    if name == "tiny":
        return DebertaV2Config(vocab_size=8000, hidden_size=128, num_hidden_layers=4,
                               num_attention_heads=4, intermediate_size=512, **common)
    return DebertaV2Config(vocab_size=128100, hidden_size=384, num_hidden_layers=12,
                           num_attention_heads=6, intermediate_size=1536, **common)

def neo_config(name):
    if name == "tiny":
        return GPTNeoConfig(vocab_size=50257, hidden_size=64, num_layers=8, num_heads=16,
                            attention_types=[[["global", "local"], 4]], window_size=256,
                            max_position_embeddings=2048)
    return GPTNeoConfig(vocab_size=50257, hidden_size=768, num_layers=12, num_heads=12,
                        attention_types=[[["global", "local"], 6]], window_size=256,
                        max_position_embeddings=2048)

def timed(fn, reps, warmup=1):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

def ids(vocab, b, n, g):
    return torch.randint(5, vocab, (b, n), generator=g)

def run(only):
    torch.set_num_threads(2)
    g = torch.Generator().manual_seed(0)
    rows = []
    def add(w, cfg, units, secs, unit):
        rows.append(dict(workload=w, config=cfg, throughput=units / secs, unit=unit, median_s=secs))
        print(f"{w:14s} {cfg:7s} {units/secs:12.1f} {unit}  ({secs:.4f}s)", flush=True)
    configs = {"peak": [], "tiny": ["tiny"]}.get(only, ["tiny", "xsmall"])
    for name in configs:
        torch.manual_seed(0)
        cfg = deberta_config(name)
        clf = DebertaV2ForSequenceClassification(cfg).eval()
        reps = 5 if name == "tiny" else 3
        x = ids(cfg.vocab_size, 64, SEQ, g)
        with torch.no_grad():
            s = timed(lambda: clf(input_ids=x).logits, reps)
        add("W1 scoring", name, 64, s, "snippets/s")
        x16 = ids(cfg.vocab_size, 16, SEQ, g)
        emb = clf.get_input_embeddings()
        def saliency():
            e = emb(x16).detach().requires_grad_(True)
            out = clf(inputs_embeds=e).logits[:, 1].sum()
            (grad,) = torch.autograd.grad(out, e)
            return grad.norm(dim=-1)
        add("W2 saliency", name, 16, timed(saliency, reps), "snippets/s")
        base = ids(cfg.vocab_size, 1, SEQ, g)
        cands = ids(cfg.vocab_size, SEQ, 32, g)
        variants = base.repeat(SEQ * 32, 1)
        for p in range(SEQ):
            variants[p * 32:(p + 1) * 32, p] = cands[p]
        def subst():
            with torch.no_grad():
                for i in range(0, variants.shape[0], 256):
                    clf(input_ids=variants[i:i + 256]).logits
        add("W3 substitute", name, SEQ * 32, timed(subst, 1 if name == "xsmall" else 3), "candidates/s")
        torch.manual_seed(0)
        mlm = DebertaV2ForMaskedLM(cfg).eval()
        masked = base.repeat(SEQ, 1)
        masked[torch.arange(SEQ), torch.arange(SEQ)] = 4
        def suggest():
            with torch.no_grad():
                logits = mlm(input_ids=masked).logits
                return logits[torch.arange(SEQ), torch.arange(SEQ)].topk(32, dim=-1).indices
        add("W4 mlm-suggest", name, SEQ, timed(suggest, reps), "positions/s")
        del clf, mlm
    for name in {"peak": [], "tiny": ["tiny"]}.get(only, ["tiny", "125m"]):
        torch.manual_seed(0)
        cfg = neo_config(name)
        lm = GPTNeoForCausalLM(cfg).eval()
        prompts = ids(cfg.vocab_size, 16, 64, g)
        def gen():
            with torch.no_grad():
                lm.generate(prompts, attention_mask=torch.ones_like(prompts), do_sample=True,
                            top_p=0.9, temperature=1.0, max_new_tokens=32, min_new_tokens=32,
                            use_cache=True, pad_token_id=0)
        add("W5 generate", name, 16 * 32, timed(gen, 3 if name == "tiny" else 2), "tokens/s")
        del lm
    a = torch.randn(1024, 1024); b = torch.randn(1024, 1024)
    s = timed(lambda: a @ b, 10)
    add("W6 matmul f32", "1024^3", 2 * 1024**3 / 1e9, s, "GFLOP/s")
    try:
        ab, bb = a.bfloat16(), b.bfloat16()
        s = timed(lambda: ab @ bb, 5)
        add("W6 matmul bf16", "1024^3", 2 * 1024**3 / 1e9, s, "GFLOP/s")
    except Exception as e:  # noqa
        print("bf16 matmul failed:", e)
    return rows

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    # peak: only W6, the matmul peak that tells how fast the machine is right now
    ap.add_argument("--only", default="all", choices=["all", "tiny", "peak"])
    a = ap.parse_args()
    cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("Model name")), "?")
    rows = run(a.only)
    json.dump(dict(torch=torch.__version__, transformers=transformers.__version__, cpu=model,
                   threads=torch.get_num_threads(), python=platform.python_version(), rows=rows),
              open(a.out, "w"), indent=1)
