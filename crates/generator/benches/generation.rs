//! Generation throughput (new tokens per second) of a small GPT-Neo made from scratch,
//! with and without the key/value cache, on the CPU (or the GPU when `GENERATOR_BENCH_CUDA`
//! is set and libtorch sees one).
//!
//! The model is [`generator::small_config`] (4 blocks of width 128, global/local window
//! 32) with a 2,000-token vocabulary; each iteration greedily generates 32 tokens after
//! prompts of 24 tokens, for batches of 1 and 8 prompts. Without the cache every step
//! re-reads the whole sequence, so its cost grows with the length generated.
//!
//! libtorch runs on one CPU thread unless `GENERATOR_BENCH_THREADS` says otherwise: on a
//! shared machine, OpenMP threads that spin while other processes hold the cores make
//! timings swing by an order of magnitude (measured: 2 threads on 2 busy cores ran 25×
//! slower than 1).
//!
//! Run: `cargo bench -p generator --bench generation`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use generator::{Decoding, GenerationConfig, GptNeo, StopAt, generate_tokens, small_config};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tch::Device;

const PROMPT_TOKENS: usize = 24;
const NEW_TOKENS: usize = 32;

fn device() -> Device {
    if std::env::var_os("GENERATOR_BENCH_CUDA").is_some() && tch::Cuda::is_available() {
        Device::Cuda(0)
    } else {
        Device::Cpu
    }
}

fn generation(c: &mut Criterion) {
    let threads = std::env::var("GENERATOR_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    tch::set_num_threads(threads);
    let config = small_config(2000, 128);
    let model = GptNeo::new(&config, device(), 1).expect("a valid config");
    let mut group = c.benchmark_group("generation");
    group.sample_size(10);
    for batch in [1usize, 8] {
        let prompts: Vec<Vec<i64>> = (0..batch)
            .map(|b| {
                (0..PROMPT_TOKENS)
                    .map(|t| ((b * 31 + t * 7) % 1999 + 1) as i64)
                    .collect()
            })
            .collect();
        group.throughput(Throughput::Elements((batch * NEW_TOKENS) as u64));
        for use_cache in [true, false] {
            let settings = GenerationConfig {
                max_new_tokens: NEW_TOKENS,
                decoding: Decoding::Greedy,
                stop: StopAt::Budget,
                use_cache,
            };
            let name = if use_cache { "kv_cache" } else { "no_cache" };
            group.bench_with_input(
                BenchmarkId::new(name, format!("batch_{batch}")),
                &prompts,
                |b, prompts| {
                    let mut rng = ChaCha8Rng::seed_from_u64(0);
                    b.iter(|| {
                        let out =
                            generate_tokens(&model, black_box(prompts), &settings, &mut rng, None)
                                .expect("generation runs");
                        black_box(out)
                    })
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, generation);
criterion_main!(benches);
