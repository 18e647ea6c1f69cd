"""Converts a Hugging Face DeBERTa directory in the hub's old layout — a pickled state dict
`pytorch_model.bin` and a SentencePiece `spm.model`, as Microsoft's DeBERTa releases and
Redwood's injuriousness classifiers ship — into the layout the classifier crate reads
without Python: `model.safetensors` and `tokenizer.json`, written next to the originals.

Run from the repository root, after `. scripts/setup`:

    $HIGHSTAKES_VENV/bin/python python/convert_deberta_checkpoint.py DIR

The weights are read with `torch.load(weights_only=True)` (any PyTorch format, old or
zip-based) and written as fp32-or-original-dtype safetensors with the {"format": "pt"}
metadata; tensors that share storage (tied weights) are written as separate copies. The
tokenizer is `transformers`' `AutoTokenizer` for the directory (for DeBERTa-v2/v3:
`DebertaV2Tokenizer` built from spm.model, added_tokens.json, tokenizer_config.json), saved
as tokenizer.json. Existing files are kept unless --force is given. (The Rust crate also
converts spm.model by itself, identically; this script is what turns the pickle into
safetensors.)
"""

import argparse
import pathlib

import torch
from safetensors.torch import save_file


def convert_weights(directory: pathlib.Path, force: bool) -> None:
    source = directory / "pytorch_model.bin"
    target = directory / "model.safetensors"
    if target.exists() and not force:
        print(f"{target} exists (use --force to overwrite)")
        return
    if not source.exists():
        raise SystemExit(f"{source}: no such file")
    state = torch.load(source, map_location="cpu", weights_only=True)
    if not isinstance(state, dict):
        raise SystemExit(f"{source}: not a state dict (found {type(state).__name__})")
    tensors = {name: t.detach().clone().contiguous() for name, t in state.items() if isinstance(t, torch.Tensor)}
    save_file(tensors, target, metadata={"format": "pt"})
    print(f"{target}: {len(tensors)} tensors")


def convert_tokenizer(directory: pathlib.Path, force: bool) -> None:
    target = directory / "tokenizer.json"
    if target.exists() and not force:
        print(f"{target} exists (use --force to overwrite)")
        return
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(directory)
    tokenizer.backend_tokenizer.save(str(target))
    print(f"{target}: {len(tokenizer)} tokens")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=pathlib.Path)
    parser.add_argument("--force", action="store_true", help="overwrite model.safetensors / tokenizer.json")
    args = parser.parse_args()
    convert_weights(args.directory, args.force)
    convert_tokenizer(args.directory, args.force)
