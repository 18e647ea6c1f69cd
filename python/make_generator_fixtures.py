"""Parity fixtures for crates/generator: tiny random-init GPT-Neo models made by Hugging Face
`transformers`, with the outputs the Rust implementation must reproduce.

Run from the repository root, after `. scripts/setup`:

    $HIGHSTAKES_VENV/bin/python python/make_generator_fixtures.py

Writes crates/generator/tests/fixtures/:
  activations.json            ACT2FN[name](x) for every activation the Rust config accepts
  <model>/config.json, model.safetensors, tokenizer.json, generation_config.json
                              the checkpoint, exactly as `save_pretrained` writes it
  <model>/expected.safetensors
      plain.input_ids [2, 14], plain.logits             forward, no padding
      padded.input_ids / attention_mask / position_ids [3, 14], padded.logits
                              a left-padded batch with positions cumsum(mask) - 1 (padded
                              slots 0), as `generate` makes them
      padded_default_positions.logits
                              the same batch through `forward` without position_ids
                              (transformers then uses 0..seq for every row)
      greedy.new_tokens [3, 12]
                              `generate(do_sample=False)` on the padded batch
  <model>/tokenizer_case.json a text, its token ids, and their decoding

Models: `gpt_neo_tiny_local` (tied head, global/local alternating over 4 layers,
window 4 < sequence 14, gelu_new) and `gpt_neo_tiny_untied` (untied head, layers
local/global/local, window 6, explicit intermediate_size, exact gelu, eps 1e-6).
All weights are redrawn with larger spread than the default init (std 0.02 makes attention
nearly uniform), so masks, biases and LayerNorm parameters all change the outputs.
"""

import json
import pathlib

import torch
import transformers
from safetensors.torch import save_file
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import GPTNeoConfig, GPTNeoForCausalLM
from transformers.activations import ACT2FN

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "generator" / "tests" / "fixtures"

CORPUS = [
    "The knight rode into the village at dawn.",
    "She picked up the old lantern and walked to the barn.",
    "\"Are you coming?\" asked Mara, holding the door open.",
    "Nobody had seen the baker since the storm began!",
    "He laughed, shot a glance at his brother, and kept walking.",
    "The children played by the river until the sun went down.",
    "A quiet wind moved through the pines; the dog barked twice.",
    "Why would anyone leave a sword on the kitchen table?",
]
TOKENIZER_TEXT = "The knight asked Mara: \"Why is the barn door open?\" Nobody knew."


def make_tokenizer(vocab_size: int) -> Tokenizer:
    """A GPT-2 style byte-level BPE, trained on CORPUS; <|endoftext|> is id 0."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(CORPUS, trainer=trainer)
    return tok


def redraw(model: torch.nn.Module, seed: int) -> None:
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen)
            if "ln_" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * noise)
            elif name.endswith("bias"):
                p.copy_(0.1 * noise)
            else:
                p.copy_(0.2 * noise)


def padded_batch(gen: torch.Generator, vocab: int, lengths, total: int, pad: int):
    ids = torch.full((len(lengths), total), pad, dtype=torch.long)
    mask = torch.zeros((len(lengths), total), dtype=torch.long)
    for row, n in enumerate(lengths):
        ids[row, total - n :] = torch.randint(1, vocab, (n,), generator=gen)
        mask[row, total - n :] = 1
    positions = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)
    return ids, mask, positions


def make_model(name: str, config: GPTNeoConfig, seed: int, tokenizer: Tokenizer) -> None:
    out = OUT / name
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    model = GPTNeoForCausalLM(config).eval()
    redraw(model, seed)
    if config.tie_word_embeddings:
        assert model.lm_head.weight.data_ptr() == model.transformer.wte.weight.data_ptr()
    model.save_pretrained(out)
    tokenizer.save(str(out / "tokenizer.json"))

    gen = torch.Generator().manual_seed(seed + 1)
    vocab = config.vocab_size
    expected = {}
    with torch.no_grad():
        plain = torch.randint(1, vocab, (2, 14), generator=gen)
        expected["plain.input_ids"] = plain
        expected["plain.logits"] = model(input_ids=plain).logits

        ids, mask, positions = padded_batch(gen, vocab, [14, 9, 5], 14, config.eos_token_id)
        expected["padded.input_ids"] = ids
        expected["padded.attention_mask"] = mask
        expected["padded.position_ids"] = positions
        expected["padded.logits"] = model(input_ids=ids, attention_mask=mask, position_ids=positions).logits
        expected["padded_default_positions.logits"] = model(input_ids=ids, attention_mask=mask).logits

        # The window must matter: the same weights with global-only attention differ.
        wide = GPTNeoConfig(**{**config.to_dict(), "window_size": config.max_position_embeddings})
        wide_model = GPTNeoForCausalLM(wide).eval()
        wide_model.load_state_dict(model.state_dict())
        wide_logits = wide_model(input_ids=plain).logits
        assert (wide_logits - expected["plain.logits"]).abs().max() > 1e-2, "window does not matter"

    generated = model.generate(
        input_ids=ids,
        attention_mask=mask,
        do_sample=False,
        max_new_tokens=12,
        pad_token_id=config.eos_token_id,
    )
    new_tokens = generated[:, ids.shape[1] :]
    assert new_tokens.shape == (3, 12), "generation stopped early"
    assert (new_tokens != config.eos_token_id).all(), "greedy run hit end-of-text: pick another seed"
    expected["greedy.new_tokens"] = new_tokens

    save_file({k: v.contiguous() for k, v in expected.items()}, str(out / "expected.safetensors"))

    encoding = tokenizer.encode(TOKENIZER_TEXT)
    (out / "tokenizer_case.json").write_text(
        json.dumps(
            {
                "text": TOKENIZER_TEXT,
                "ids": encoding.ids,
                "decoded": tokenizer.decode(encoding.ids),
                "made_by": {"torch": torch.__version__, "transformers": transformers.__version__},
            },
            indent=1,
        )
        + "\n"
    )


def make_activations() -> None:
    xs = [-4.0, -2.5, -1.0, -0.3, 0.0, 0.2, 0.7, 1.5, 3.0, 5.0]
    x = torch.tensor(xs, dtype=torch.float32)
    table = {name: ACT2FN[name](x).tolist() for name in ["gelu_new", "gelu_pytorch_tanh", "gelu", "relu", "silu"]}
    (OUT / "activations.json").write_text(json.dumps({"x": xs, "y": table}, indent=1) + "\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    tokenizer = make_tokenizer(320)
    vocab = tokenizer.get_vocab_size()
    assert tokenizer.token_to_id("<|endoftext|>") == 0
    local = GPTNeoConfig(
        vocab_size=vocab,
        max_position_embeddings=64,
        hidden_size=32,
        num_layers=4,
        num_heads=4,
        attention_types=[[["global", "local"], 2]],
        window_size=4,
        activation_function="gelu_new",
        bos_token_id=0,
        eos_token_id=0,
    )
    make_model("gpt_neo_tiny_local", local, seed=1234, tokenizer=tokenizer)
    untied = GPTNeoConfig(
        vocab_size=vocab + 13,
        max_position_embeddings=48,
        hidden_size=48,
        num_layers=3,
        num_heads=3,
        intermediate_size=72,
        attention_types=[[["local"], 1], [["global", "local"], 1]],
        window_size=6,
        activation_function="gelu",
        layer_norm_epsilon=1e-6,
        tie_word_embeddings=False,
        bos_token_id=0,
        eos_token_id=0,
    )
    make_model("gpt_neo_tiny_untied", untied, seed=99, tokenizer=tokenizer)
    make_activations()
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"wrote {OUT} ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
