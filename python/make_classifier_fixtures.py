"""Parity fixtures for crates/classifier: tiny random-init DeBERTa-v2/v3 models made by
Hugging Face `transformers`, with the outputs the Rust implementation must reproduce.

Run from the repository root, after `. scripts/setup`:

    $HIGHSTAKES_VENV/bin/python python/make_classifier_fixtures.py

Writes crates/classifier/tests/fixtures/:
  relative_positions.safetensors
      len{L}_buckets{B}_max{M}   rows 0 and L-1 of build_relative_position(...), int64 [2, L]
  <config>/classifier/   config.json + model.safetensors (DebertaV2ForSequenceClassification,
                         save_pretrained) and expected.safetensors:
      input_ids, token_type_ids, attention_mask [3, T]   a right-padded batch (lengths T, 9, 5)
      logits [3, num_labels]
      hidden_states [num_layers + 1, 3, T, hidden]       embedding output, then every layer
  <config>/masked_lm/    the same for DebertaV2ForMaskedLM: expected.safetensors holds the
                         same inputs and logits [3, T, vocab_size]

Configs (every option of modeling_deberta_v2.py appears in at least one):
  v3              share_att_key, pos_att_type p2c|c2p, position_buckets 256,
                  norm_rel_ebd layer_norm, position_biased_input false (deberta-v3-large's options)
  v2_xlarge       the same plus conv_kernel_size 3 with conv_act gelu and an explicit
                  attention_head_size (deberta-v2-xlarge's options); legacy=false MLM head
  biased_input    position_biased_input true, type_vocab_size 2, embedding_size 16 != hidden 32
                  (embed_proj), position_buckets 8 with max_relative_positions 32 so that the
                  log buckets are reached, legacy MLM head whose transform maps to 16
  separate_c2p    share_att_key false, pos_att_type c2p only (pos_key_proj), tanh conv
                  with 2 groups, relu feed-forward, cls_dropout given
  no_buckets      max_relative_positions 6, position_buckets 0 (positions clamped beyond 6),
                  pos_att_type p2c only with share_att_key false (pos_query_proj), gelu_new
  absolute        relative_attention false: absolute positions only (BERT-like)

Every weight is redrawn with a larger spread than the default init (std 0.02 makes attention
nearly uniform and the outputs nearly constant), and biases and LayerNorm parameters are
random too, so a mistake in any of them changes the outputs.

  spm_checkpoint/         the layout of Redwood's and Microsoft's releases: config.json, a pickled
                         state dict pytorch_model.bin (torch.save), a SentencePiece spm.model
                         (trained here with `sentencepiece`, [PAD]/[CLS]/[SEP]/[UNK] = 0..3),
                         added_tokens.json putting [MASK] after the pieces, tokenizer_config.json
                         and special_tokens_map.json; no tokenizer.json. expected.safetensors
                         holds the batch `transformers`' DebertaV2Tokenizer makes of the cases in
                         expected_tokens.json (their ids are there too) and the logits.

With `--check DIR` the script instead loads a model saved by the Rust crate from DIR
(config.json + model.safetensors), runs it on DIR/inputs.safetensors (input_ids,
token_type_ids, attention_mask) and writes DIR/python_outputs.safetensors (logits): the
round-trip test.
"""

import argparse
import pathlib

import torch
import transformers
from safetensors.torch import load_file, save_file
from transformers import (
    AutoConfig,
    DebertaV2Config,
    DebertaV2ForMaskedLM,
    DebertaV2ForSequenceClassification,
)
from transformers.models.deberta_v2.modeling_deberta_v2 import build_relative_position

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "classifier" / "tests" / "fixtures"

COMMON = dict(
    vocab_size=64,
    hidden_size=16,
    num_hidden_layers=2,
    num_attention_heads=2,
    intermediate_size=32,
    max_position_embeddings=64,
    hidden_dropout_prob=0.1,
    attention_probs_dropout_prob=0.1,
    layer_norm_eps=1e-7,
    pad_token_id=0,
)

CONFIGS = {
    "v3": dict(
        relative_attention=True,
        position_buckets=256,
        max_relative_positions=-1,
        norm_rel_ebd="layer_norm",
        share_att_key=True,
        pos_att_type="p2c|c2p",
        position_biased_input=False,
        type_vocab_size=0,
        max_position_embeddings=512,
    ),
    "v2_xlarge": dict(
        relative_attention=True,
        position_buckets=256,
        max_relative_positions=-1,
        norm_rel_ebd="layer_norm",
        share_att_key=True,
        pos_att_type="p2c|c2p",
        position_biased_input=False,
        conv_kernel_size=3,
        conv_act="gelu",
        attention_head_size=8,
        type_vocab_size=0,
        max_position_embeddings=512,
        legacy=False,
    ),
    "biased_input": dict(
        hidden_size=32,
        num_attention_heads=4,
        embedding_size=16,
        relative_attention=True,
        position_buckets=8,
        max_relative_positions=32,
        share_att_key=True,
        pos_att_type="p2c|c2p",
        position_biased_input=True,
        type_vocab_size=2,
        norm_rel_ebd="none",
    ),
    "separate_c2p": dict(
        relative_attention=True,
        position_buckets=16,
        max_relative_positions=-1,
        share_att_key=False,
        pos_att_type="c2p",
        position_biased_input=False,
        norm_rel_ebd="layer_norm",
        conv_kernel_size=3,
        conv_groups=2,
        conv_act="tanh",
        hidden_act="relu",
        cls_dropout=0.2,
        num_labels=3,
    ),
    "no_buckets": dict(
        relative_attention=True,
        position_buckets=0,
        max_relative_positions=6,
        share_att_key=False,
        pos_att_type="p2c",
        position_biased_input=True,
        hidden_act="gelu_new",
        pooler_hidden_act="tanh",
    ),
    "absolute": dict(
        relative_attention=False,
        position_biased_input=True,
        type_vocab_size=2,
        pos_att_type=None,
    ),
}

LENGTHS = [14, 9, 5]
RELATIVE_CASES = [(600, 256, 512), (40, 8, 64), (50, 16, 24), (20, 8, 32), (300, 64, 128)]


def redraw(model: torch.nn.Module, seed: int) -> None:
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen)
            if "LayerNorm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * noise)
            elif name.endswith("bias"):
                p.copy_(0.2 * noise)
            else:
                p.copy_(0.4 * noise)
        emb = model.deberta.embeddings.word_embeddings.weight
        emb[model.config.pad_token_id].zero_()


def make_inputs(config: DebertaV2Config, seed: int) -> dict:
    gen = torch.Generator().manual_seed(seed)
    batch, length = len(LENGTHS), max(LENGTHS)
    ids = torch.zeros(batch, length, dtype=torch.long)
    types = torch.zeros(batch, length, dtype=torch.long)
    mask = torch.zeros(batch, length, dtype=torch.long)
    for row, n in enumerate(LENGTHS):
        ids[row, :n] = torch.randint(5, config.vocab_size, (n,), generator=gen)
        ids[row, 0], ids[row, n - 1] = 1, 2  # [CLS] ... [SEP]
        mask[row, :n] = 1
        if config.type_vocab_size > 0:
            types[row, n // 2 : n] = 1  # a second segment
    return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}


def run(model, inputs: dict):
    model.eval()
    with torch.no_grad():
        return model(**inputs, output_hidden_states=True)


def make_fixtures() -> None:
    torch.manual_seed(0)
    cases = {}
    for length, buckets, max_position in RELATIVE_CASES:
        q = torch.zeros(1, length, 1)
        rel = build_relative_position(q, q, bucket_size=buckets, max_position=max_position)
        # rows 0 and L-1 hold every relative distance from -(L-1) to L-1
        cases[f"len{length}_buckets{buckets}_max{max_position}"] = rel[0][[0, length - 1]].contiguous()
    OUT.mkdir(parents=True, exist_ok=True)
    save_file(cases, OUT / "relative_positions.safetensors")

    for index, (name, options) in enumerate(CONFIGS.items()):
        config = DebertaV2Config(**{**COMMON, **options})
        for head, cls in [("classifier", DebertaV2ForSequenceClassification), ("masked_lm", DebertaV2ForMaskedLM)]:
            torch.manual_seed(100 + index)
            model = cls(config)
            redraw(model, seed=200 + index)
            if head == "masked_lm" and config.legacy:
                # the tied decoder bias is cls.predictions.bias; make it random too
                with torch.no_grad():
                    model.cls.predictions.bias.copy_(0.2 * torch.randn(config.vocab_size))
            inputs = make_inputs(config, seed=300 + index)
            out = run(model, inputs)
            target = OUT / name / head
            model.save_pretrained(target)
            expected = {k: v.contiguous() for k, v in inputs.items()}
            expected["logits"] = out.logits.contiguous()
            if head == "classifier":
                expected["hidden_states"] = torch.stack(out.hidden_states).contiguous()
            save_file(expected, target / "expected.safetensors")
            print(f"{target.relative_to(ROOT)}: logits {tuple(out.logits.shape)}")
    make_spm_fixture()


SPM_CORPUS = [
    "The knight rode into the village at dawn.",
    "She picked up the old lantern and walked to the barn.",
    "\"Are you coming?\" asked Mara, holding the door open.",
    "Nobody had seen the baker since the storm began!",
    "He laughed, shot a glance at his brother, and kept walking.",
    "The children played by the river until the sun went down.",
    "A quiet wind moved through the pines; the dog barked twice.",
    "Why would anyone leave a sword on the kitchen table?",
    "Élin cut the rope and the bucket fell into the well.",
    "The guards stabbed the thief, and he bled on the stones.",
]
SPM_CASES = [
    {"prompt": "The knight rode into the village.", "completion": "He shot a glance at the baker."},
    {"prompt": "Mara  walked\tto the barn.\n", "completion": "The dog barked twice!  "},
    {"text": "Élin cut the rope; the bucket fell."},
    {"prompt": "", "completion": "Nobody had seen the sword [MASK] table."},
    {"text": "A zebra (unseen) quietly ate 42 apples."},
]


def make_spm_fixture() -> None:
    import io
    import json

    import sentencepiece as spm
    from transformers import AutoTokenizer

    target = OUT / "spm_checkpoint"
    target.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(SPM_CORPUS),
        model_writer=buffer,
        vocab_size=100,
        model_type="unigram",
        pad_id=0,
        bos_id=1,
        eos_id=2,
        unk_id=3,
        pad_piece="[PAD]",
        bos_piece="[CLS]",
        eos_piece="[SEP]",
        unk_piece="[UNK]",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    (target / "spm.model").write_bytes(buffer.getvalue())
    pieces = spm.SentencePieceProcessor(model_proto=buffer.getvalue()).get_piece_size()
    (target / "added_tokens.json").write_text(json.dumps({"[MASK]": pieces}))
    (target / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": False, "vocab_type": "spm", "tokenizer_class": "DebertaV2Tokenizer"}))
    special = {"bos_token": "[CLS]", "eos_token": "[SEP]", "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]"}
    (target / "special_tokens_map.json").write_text(json.dumps(special))

    config = DebertaV2Config(**{**COMMON, **CONFIGS["v3"], "vocab_size": pieces + 4})
    torch.manual_seed(50)
    model = DebertaV2ForSequenceClassification(config)
    redraw(model, seed=51)
    model.config.to_json_file(target / "config.json")
    torch.save(model.state_dict(), target / "pytorch_model.bin")

    tokenizer = AutoTokenizer.from_pretrained(target)
    cases = []
    for case in SPM_CASES:
        if "text" in case:
            ids = tokenizer(case["text"])["input_ids"]
        else:
            ids = tokenizer(case["prompt"], case["completion"])["input_ids"]
        cases.append({**case, "ids": ids})
    (target / "expected_tokens.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1))
    pairs = [(c["prompt"], c["completion"]) for c in SPM_CASES if "prompt" in c]
    batch = tokenizer([p for p, _ in pairs], [c for _, c in pairs], padding=True, return_tensors="pt")
    out = run(model, dict(batch))
    expected = {k: v.contiguous() for k, v in batch.items()}
    expected["logits"] = out.logits.contiguous()
    save_file(expected, target / "expected.safetensors")
    print(f"{target.relative_to(ROOT)}: {pieces} pieces + [MASK], logits {tuple(out.logits.shape)}")


def check(directory: pathlib.Path) -> None:
    """Round trip: a model saved by Rust, run by transformers."""
    config = AutoConfig.from_pretrained(directory)
    arch = (config.architectures or ["DebertaV2ForSequenceClassification"])[0]
    cls = {"DebertaV2ForSequenceClassification": DebertaV2ForSequenceClassification, "DebertaV2ForMaskedLM": DebertaV2ForMaskedLM}[arch]
    model, info = cls.from_pretrained(directory, output_loading_info=True)
    problems = {k: v for k, v in info.items() if v}
    if problems:
        raise SystemExit(f"{directory}: transformers could not load every weight: {problems}")
    inputs = load_file(directory / "inputs.safetensors")
    out = run(model, inputs)
    save_file({"logits": out.logits.contiguous()}, directory / "python_outputs.safetensors")
    print(f"{directory}: {arch} logits {tuple(out.logits.shape)} (transformers {transformers.__version__})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", type=pathlib.Path, help="run a Rust-saved model and write its logits")
    args = parser.parse_args()
    if args.check:
        check(args.check)
    else:
        make_fixtures()
