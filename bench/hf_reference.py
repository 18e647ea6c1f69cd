"""Reference ("anchor") CPU throughput of Hugging Face transformers on the highstakes workloads.

Merged from the workspace's shared reference script (../shared/bench/hf_reference.py: W4b,
FLOP counts, machine details, pure nucleus sampling in W5) with what scripts/bench-compare
needs: the training workloads W7-W9 (and W8b), `--only peak` (the matmul peak alone, measured
before and after each interleaved pair), `--quick` (fewer repetitions, one pair of an
interleaved run) and `--flops` (count the FLOPs, an extra untimed call per workload). Our
benches (benches/workloads) mirror it workload for workload.

    python bench/hf_reference.py --out results.json [--md table.md] [--only tiny|peak]
        [--quick] [--flops]

The numbers depend on glibc malloc: by default every large temporary is a fresh mmap whose
pages fault in again on each call. Setting MALLOC_MMAP_THRESHOLD_=4294967296 and
MALLOC_TRIM_THRESHOLD_=4294967296 lets freed memory be reused and makes W1/W3 up to 2.6x faster.
The settings in force are recorded in the JSON (machine.malloc_env); compare like with like.

Every model is built from a config with random weights (torch.manual_seed(0)); nothing is
downloaded. 2 threads, sequence length 96, random token ids in [5, vocab). Each workload is run
once untimed (warm-up), then timed several times; the median is reported. With --flops each
workload's matrix-multiply FLOPs are counted once (torch.utils.flop_counter, untimed) to give
the achieved GFLOP/s.

Workloads
  W1 scoring        batch 64, no-grad forward of DebertaV2ForSequenceClassification
  W2 saliency       batch 16, gradient of the injurious logit sum w.r.t. the input embeddings,
                    L2 norm per token (only the input gradient is computed, no weight gradients)
  W3 substitution   one snippet, 32 candidate tokens at each of 96 positions = 3,072 variants,
                    scored in batches of 256 under no-grad (xsmall: every 4th position, 768
                    variants, so that a pair of an interleaved run takes minutes, not half an hour)
  W4 MLM suggest    one snippet, 96 copies each with one position masked, one batched forward
                    of DebertaV2ForMaskedLM, top-32 ids at each masked position
  W4b               W4 with the LM head applied only at the 96 masked positions instead of all
                    96 x 96 (what a careful user would do; HF's forward has no such option)
  W5 generation     GPTNeoForCausalLM.generate: 16 prompts of 64 tokens, 32 new tokens,
                    top-p 0.9 (top_k=0: pure nucleus sampling), temperature 1.0, KV cache
  W6 machine limit  1024 x 1024 x 1024 matmul, float32 and bfloat16
  W7 fine-tuning    one optimiser step of DebertaV2ForSequenceClassification: forward with
                    labels (cross-entropy), backward, gradient clipping at 1.0, AdamW (weight
                    decay 0.01 on weights, none on biases and LayerNorm), a linear schedule;
                    batch 16 and batch 64 of 96 tokens
  W8 MLM pretrain   one step of DebertaV2ForMaskedLM, batch 16 of 96 tokens, 15% of the
                    non-special tokens masked (80% [MASK], 10% random, 10% kept), labels -100
                    elsewhere (transformers' collator recipe; the head runs at all positions)
  W8b               W8 with the head (and the loss) only at the masked positions
  W9 causal LM      one step of GPTNeoForCausalLM with labels = inputs, batch 8 x 128 tokens
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import time

import torch
import transformers
from torch.utils.flop_counter import FlopCounterMode
from transformers import (
    DebertaV2Config,
    DebertaV2ForMaskedLM,
    DebertaV2ForSequenceClassification,
    GPTNeoConfig,
    GPTNeoForCausalLM,
    get_linear_schedule_with_warmup,
)

THREADS = 2
SEQ_LEN = 96
FIRST_ID = 5  # ids 0..4 are [PAD] [CLS] [SEP] [UNK] [MASK] (see make_checkpoints.py)
MASK_ID = 4
INJURIOUS = 1  # index of the injurious class in the classifier's logits
# The optimiser of W7-W9, the same settings as ours (classifier::OptimizerSettings,
# generator::TrainingConfig): AdamW, weight decay 0.01 on weights only, clipping at 1.0,
# linear warm-up over 10% of 1,000 steps then linear decay.
WEIGHT_DECAY = 0.01
MAX_GRAD_NORM = 1.0
SCHEDULE_STEPS = 1000
MASK_PROBABILITY = 0.15


# ----------------------------------------------------------------------------- model configs

def deberta_config(name):
    """DeBERTa-v3 style config: "tiny" (project default shape) or "xsmall" (deberta-v3-xsmall)."""
    common = dict(
        max_position_embeddings=512,
        relative_attention=True,
        position_buckets=256,
        max_relative_positions=-1,
        pos_att_type=["p2c", "c2p"],
        share_att_key=True,
        norm_rel_ebd="layer_norm",
        position_biased_input=False,
        type_vocab_size=0,
        layer_norm_eps=1e-7,
        num_labels=2,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    if name == "tiny":
        return DebertaV2Config(vocab_size=8000, hidden_size=128, num_hidden_layers=4,
                               num_attention_heads=4, intermediate_size=512, **common)
    if name == "xsmall":
        return DebertaV2Config(vocab_size=128100, hidden_size=384, num_hidden_layers=12,
                               num_attention_heads=6, intermediate_size=1536, **common)
    raise ValueError(name)


def neo_config(name):
    """GPT-Neo config: "tiny" (TinyStories-1M shape) or "125m" (gpt-neo-125M shape)."""
    if name == "tiny":
        return GPTNeoConfig(vocab_size=50257, hidden_size=64, num_layers=8, num_heads=16,
                            attention_types=[[["global", "local"], 4]], window_size=256,
                            max_position_embeddings=2048)
    if name == "125m":
        return GPTNeoConfig(vocab_size=50257, hidden_size=768, num_layers=12, num_heads=12,
                            attention_types=[[["global", "local"], 6]], window_size=256,
                            max_position_embeddings=2048)
    raise ValueError(name)


# ----------------------------------------------------------------------------- measuring

def time_it(fn, reps, warmup=None):
    """Run `warmup` (default: fn itself) once, then fn `reps` times; return the times in seconds."""
    (warmup or fn)()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


class Results:
    def __init__(self, flops):
        self.rows = []
        self.flops = flops

    def gflop(self, fn):
        """Matrix-multiply GFLOP of one call of fn (mm, addmm, bmm, ...; not elementwise
        ops), or None without --flops."""
        if not self.flops:
            return None
        with FlopCounterMode(display=False) as counter:
            fn()
        return counter.get_total_flops() / 1e9

    def add(self, workload, config, units, unit, times, gflop=None):
        median = statistics.median(times)
        row = dict(workload=workload, config=config, throughput=units / median, unit=unit,
                   median_s=median, reps=len(times), times_s=times, units_per_rep=units)
        if gflop is not None:
            row["matmul_gflop_per_rep"] = gflop
            row["achieved_gflops"] = gflop / median
        self.rows.append(row)
        extra = f"  {gflop / median:6.1f} GFLOP/s" if gflop is not None else ""
        print(f"{workload:16s} {config:7s} {units / median:10.1f} {unit:13s} "
              f"median {median:8.3f} s of {len(times)}{extra}", flush=True)


def random_ids(vocab_size, rows, cols, generator):
    return torch.randint(FIRST_ID, vocab_size, (rows, cols), generator=generator)


def adamw(model, lr):
    """AdamW with weight decay on weights only (not biases, not LayerNorm), and its schedule."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(p)
    optimizer = torch.optim.AdamW([dict(params=decay, weight_decay=WEIGHT_DECAY),
                                   dict(params=no_decay, weight_decay=0.0)], lr=lr)
    schedule = get_linear_schedule_with_warmup(optimizer, SCHEDULE_STEPS // 10, SCHEDULE_STEPS)
    return optimizer, schedule


def optimizer_step(model, optimizer, schedule, loss):
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM)
    optimizer.step()
    schedule.step()


# ----------------------------------------------------------------------------- DeBERTa workloads

def bench_deberta(name, reps, reps_substitution, results, generator):
    cfg = deberta_config(name)
    torch.manual_seed(0)
    classifier = DebertaV2ForSequenceClassification(cfg).eval()

    # W1 scoring: one batch of 64 snippets.
    batch = random_ids(cfg.vocab_size, 64, SEQ_LEN, generator)

    def scoring():
        with torch.no_grad():
            return classifier(input_ids=batch).logits.softmax(-1)[:, INJURIOUS]

    results.add("W1 scoring", name, 64, "snippets/s", time_it(scoring, reps), results.gflop(scoring))

    # W2 saliency: gradient norm of the injurious logit w.r.t. each input token's embedding.
    batch16 = random_ids(cfg.vocab_size, 16, SEQ_LEN, generator)
    word_embeddings = classifier.get_input_embeddings()

    def saliency():
        embeds = word_embeddings(batch16).detach().requires_grad_(True)
        injurious_logit = classifier(inputs_embeds=embeds).logits[:, INJURIOUS].sum()
        injurious_logit.backward(inputs=[embeds])  # the input gradient only, no weight gradients
        return embeds.grad.norm(dim=-1)  # [16, 96]

    results.add("W2 saliency", name, 16, "snippets/s", time_it(saliency, reps), results.gflop(saliency))

    # W3 substitution scoring: 32 candidates at each of the 96 positions of one snippet
    # (xsmall: at every 4th position).
    snippet = random_ids(cfg.vocab_size, 1, SEQ_LEN, generator)
    candidates = random_ids(cfg.vocab_size, SEQ_LEN, 32, generator)
    positions = list(range(0, SEQ_LEN, 1 if name == "tiny" else 4))
    variants = snippet.repeat(len(positions) * 32, 1)
    for k, position in enumerate(positions):
        variants[k * 32:(k + 1) * 32, position] = candidates[position]

    def score_batch(start):
        with torch.no_grad():
            return classifier(input_ids=variants[start:start + 256]).logits.softmax(-1)[:, INJURIOUS]

    def substitution():
        return torch.cat([score_batch(start) for start in range(0, len(variants), 256)])

    batches = len(range(0, len(variants), 256))
    one_batch = results.gflop(lambda: score_batch(0))
    results.add("W3 substitution", name, len(variants), "candidates/s",
                time_it(substitution, reps_substitution, warmup=lambda: score_batch(0)),
                one_batch * batches if one_batch is not None else None)

    # W7 fine-tuning: one optimiser step on a batch of 16, and of 64.
    classifier.train()
    optimizer, schedule = adamw(classifier, 2e-5)
    for size in (16, 64):
        inputs = random_ids(cfg.vocab_size, size, SEQ_LEN, generator)
        labels = torch.randint(0, 2, (size,), generator=generator)

        def fine_tune_step():
            loss = classifier(input_ids=inputs, labels=labels).loss
            optimizer_step(classifier, optimizer, schedule, loss)

        results.add(f"W7 fine-tune b{size}", name, size, "snippets/s", time_it(fine_tune_step, reps),
                    results.gflop(fine_tune_step))
    del classifier, optimizer, schedule

    # W4 masked-LM suggestions: every position masked in its own copy, top-32 at the mask.
    torch.manual_seed(0)
    mlm = DebertaV2ForMaskedLM(cfg).eval()
    masked = snippet.repeat(SEQ_LEN, 1)
    rows = torch.arange(SEQ_LEN)
    masked[rows, rows] = MASK_ID

    def suggest():
        with torch.no_grad():
            logits = mlm(input_ids=masked).logits  # [96, 96, vocab]
            return logits[rows, rows].topk(32, dim=-1).indices

    results.add("W4 mlm-suggest", name, SEQ_LEN, "positions/s", time_it(suggest, reps), results.gflop(suggest))

    def suggest_masked_rows_only():
        with torch.no_grad():
            hidden = mlm.deberta(input_ids=masked).last_hidden_state  # [96, 96, hidden]
            logits = mlm.cls(hidden[rows, rows])  # [96, vocab]
            return logits.topk(32, dim=-1).indices

    same = torch.equal(suggest(), suggest_masked_rows_only())
    results.add("W4b mlm-suggest (head at mask only)", name, SEQ_LEN, "positions/s",
                time_it(suggest_masked_rows_only, reps), results.gflop(suggest_masked_rows_only))
    results.rows[-1]["same_top32_as_W4"] = same

    # W8 masked-LM pre-training: one step on 16 texts of 96 tokens, 15% masked (drawn anew
    # each step, as a data collator does), the first and last token special.
    mlm.train()
    optimizer, schedule = adamw(mlm, 1e-4)
    texts = random_ids(cfg.vocab_size, 16, SEQ_LEN, generator)
    texts[:, 0], texts[:, -1] = 1, 2  # [CLS] ... [SEP]

    def masked_batch():
        chosen = torch.bernoulli(torch.full(texts.shape, MASK_PROBABILITY), generator=generator).bool()
        chosen[:, 0] = chosen[:, -1] = False
        labels = torch.where(chosen, texts, torch.full_like(texts, -100))
        roll = torch.rand(texts.shape, generator=generator)
        inputs = torch.where(chosen & (roll < 0.8), torch.full_like(texts, MASK_ID), texts)
        random = chosen & (roll >= 0.8) & (roll < 0.9)
        inputs = torch.where(random, random_ids(cfg.vocab_size, *texts.shape, generator), inputs)
        return inputs, labels, chosen

    def pretrain_step():
        inputs, labels, _ = masked_batch()
        loss = mlm(input_ids=inputs, labels=labels).loss
        optimizer_step(mlm, optimizer, schedule, loss)

    results.add("W8 mlm-pretrain", name, 16 * SEQ_LEN, "tokens/s", time_it(pretrain_step, reps),
                results.gflop(pretrain_step))

    def pretrain_step_masked_only():
        inputs, labels, chosen = masked_batch()
        hidden = mlm.deberta(input_ids=inputs).last_hidden_state
        logits = mlm.cls(hidden[chosen])
        loss = torch.nn.functional.cross_entropy(logits, labels[chosen])
        optimizer_step(mlm, optimizer, schedule, loss)

    results.add("W8b mlm-pretrain (head at mask only)", name, 16 * SEQ_LEN, "tokens/s",
                time_it(pretrain_step_masked_only, reps), results.gflop(pretrain_step_masked_only))
    del mlm, optimizer, schedule


# ----------------------------------------------------------------------------- GPT-Neo workloads

def bench_gpt_neo(name, reps, results, generator):
    cfg = neo_config(name)
    torch.manual_seed(0)
    lm = GPTNeoForCausalLM(cfg).eval()
    prompts = random_ids(cfg.vocab_size, 16, 64, generator)

    def generate():
        with torch.no_grad():
            out = lm.generate(prompts, attention_mask=torch.ones_like(prompts), do_sample=True,
                              top_p=0.9, top_k=0, temperature=1.0, max_new_tokens=32,
                              min_new_tokens=32, use_cache=True, pad_token_id=0)
        assert out.shape == (16, 64 + 32), out.shape
        return out

    results.add("W5 generation", name, 16 * 32, "new tokens/s", time_it(generate, reps), results.gflop(generate))

    # W9 causal-LM training: one step on 8 blocks of 128 tokens.
    lm.train()
    optimizer, schedule = adamw(lm, 1e-3)
    blocks = random_ids(cfg.vocab_size, 8, 128, generator)

    def train_step():
        loss = lm(input_ids=blocks, labels=blocks).loss
        optimizer_step(lm, optimizer, schedule, loss)

    results.add("W9 causal-lm train", name, 8 * 128, "tokens/s", time_it(train_step, reps),
                results.gflop(train_step))
    del lm, optimizer, schedule


# ----------------------------------------------------------------------------- machine limit

def bench_matmul(results, reps=20):
    n = 1024
    gflop = 2 * n ** 3 / 1e9
    a, b = torch.randn(n, n), torch.randn(n, n)
    # the best of the trials, not the median: the peak is what the machine can do
    times = time_it(lambda: a @ b, reps)
    results.add("W6 matmul f32", "1024^3", gflop, "GFLOP/s", times)
    results.rows[-1]["best_throughput"] = gflop / min(times)
    try:
        a16, b16 = a.bfloat16(), b.bfloat16()
        times = time_it(lambda: a16 @ b16, reps)
        results.add("W6 matmul bf16", "1024^3", gflop, "GFLOP/s", times)
        results.rows[-1]["best_throughput"] = gflop / min(times)
    except RuntimeError as error:
        print("bf16 matmul not supported:", error)


# ----------------------------------------------------------------------------- report

def machine_info():
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in lscpu.splitlines() if ":" in line)
    flags = fields.get("Flags", "").split()
    return dict(
        date=datetime.date.today().isoformat(),
        python=platform.python_version(),
        torch=torch.__version__,
        transformers=transformers.__version__,
        cpu=fields.get("Model name", "?").strip(),
        cpus=fields.get("CPU(s)", "?").strip(),
        cpu_flags=[f for f in flags if f.startswith(("avx", "amx", "fma"))],
        torch_threads=torch.get_num_threads(),
        torch_cpu_capability=torch.backends.cpu.get_cpu_capability(),
        malloc_env={k: v for k, v in os.environ.items() if k.startswith("MALLOC_")},
    )


def markdown_table(rows):
    lines = ["| workload | config | throughput | unit | median s | reps | matmul GFLOP/s |",
             "|---|---|---:|---|---:|---:|---:|"]
    for r in rows:
        achieved = f"{r['achieved_gflops']:.1f}" if "achieved_gflops" in r else "—"
        lines.append(f"| {r['workload']} | {r['config']} | {r['throughput']:.1f} | {r['unit']} "
                     f"| {r['median_s']:.4f} | {r['reps']} | {achieved} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="JSON file for the results")
    parser.add_argument("--md", help="also write the markdown table here")
    parser.add_argument("--only", default="all", choices=["all", "tiny", "peak"],
                        help="tiny: only the small configs; peak: only the matmul peak (W6)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions: 3 (tiny) and 2 (larger configs) after the warm-up")
    parser.add_argument("--flops", action="store_true",
                        help="count each workload's matmul FLOPs (one more untimed call each)")
    args = parser.parse_args()

    torch.set_num_threads(THREADS)
    generator = torch.Generator().manual_seed(0)
    results = Results(args.flops)
    started = time.perf_counter()
    small, large = (3, 2) if args.quick else (5, 3)

    if args.only != "peak":
        bench_deberta("tiny", reps=small, reps_substitution=3, results=results, generator=generator)
        if args.only == "all":
            bench_deberta("xsmall", reps=large, reps_substitution=1 if args.quick else 3,
                          results=results, generator=generator)
        bench_gpt_neo("tiny", reps=small, results=results, generator=generator)
        if args.only == "all":
            bench_gpt_neo("125m", reps=large, results=results, generator=generator)
    bench_matmul(results, reps=10 if args.only == "peak" else 20)

    report = dict(machine=machine_info(), seq_len=SEQ_LEN, total_wall_s=time.perf_counter() - started,
                  rows=results.rows)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=1)
    table = markdown_table(results.rows)
    if args.md:
        with open(args.md, "w") as f:
            f.write(table)
    print(table)
    print(f"total {report['total_wall_s']:.0f} s")


if __name__ == "__main__":
    main()
