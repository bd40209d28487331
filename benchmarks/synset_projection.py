"""A synthetic set against the real states it was distilled from, before and after distillation, in two dimensions.

    python benchmarks/synset_projection.py [SYNSET_FILE] [--sample 3000] [--out FILE]

The projection is the top two principal components of the dataset's normalised states. The set before distillation
is redrawn exactly as `distill` drew it (same seed, same `init`). Besides the 2-D points (for the picture in the
distillation notebook) it records how far the synthetic states sit from the data: the distance from each synthetic
state to its nearest real state, in normalised units, before and after.
Default: the Av-PBC set `obd_run` saved for Hopper medium-replay, its default dataset until the study chose
HalfCheetah medium-replay (`benchmarks/results/obd_run_hopper/synset.npz`).
"""
import argparse, json
from pathlib import Path
import torch
from obd_nb.core import atomic_path
from obd_nb.data import load_transitions
from obd_nb.synset import load_synset
from obd_nb.distill import init_synset

RESULTS = Path(__file__).parent/'results'

def nearest(x:torch.Tensor, data:torch.Tensor, chunk:int=20_000)->torch.Tensor:
    "Distance from each row of `x` to its nearest row of `data`."
    return torch.stack([torch.cdist(x, data[i:i+chunk]).min(1).values for i in range(0, len(data), chunk)]).min(0).values

def projection(synset_file, sample:int=3000)->dict:
    "2-D coordinates of real states, the initial and the final synthetic states, and their distances to the data."
    s = load_synset(synset_file); cfg = s.meta['config']
    if cfg['init'] not in ('random', 'kmeans++'): raise SystemExit(f"init={cfg['init']!r}: only random and kmeans++ sets can be redrawn here.")
    t = load_transitions(s.dataset_id, download=False)
    states = t.norm(t.observations)
    s0, _ = init_synset(states, t.actions, cfg['n_syn'], cfg['init'], torch.Generator().manual_seed(cfg['seed']))
    mean = states.mean(0)
    _, sv, V = torch.pca_lowrank(states - mean, q=min(6, states.shape[1]), center=False, niter=6)
    explained = (sv[:2]**2 / (states - mean).pow(2).sum()).tolist()
    r3 = lambda x: [[round(v, 3) for v in row] for row in x.reshape(len(x), -1).tolist()]
    proj = lambda x: r3((x - mean) @ V[:, :2])
    idx = torch.randperm(len(states), generator=torch.Generator().manual_seed(0))[:sample]
    d0, d1 = nearest(s0, states), nearest(s.states, states)
    return dict(synset=str(synset_file), dataset_id=s.dataset_id, objective=s.meta.get('objective'), recipe_config=cfg,
                outer_steps=s.meta.get('step'), explained_variance=explained,
                real=proj(states[idx]), initial=proj(s0), final=proj(s.states),
                nearest_real_initial=sum(r3(d0), []), nearest_real_final=sum(r3(d1), []),
                median_nearest_initial=d0.median().item(), median_nearest_final=d1.median().item())

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('synset_file', nargs='?', default='benchmarks/results/obd_run_hopper/synset.npz')
    p.add_argument('--sample', type=int, default=3000, help='real states drawn for the picture')
    p.add_argument('--out', default=str(RESULTS/'synset_projection.json'))
    a = p.parse_args()
    res = projection(a.synset_file, a.sample)
    with atomic_path(a.out) as tmp: Path(tmp).write_text(json.dumps(res))
    print(f"{res['dataset_id']} ({res['objective']}, {res['outer_steps']} outer steps): median distance of a synthetic state "
          f"to its nearest real state {res['median_nearest_initial']:.2f} before, {res['median_nearest_final']:.2f} after "
          f"(normalised units); PCA explains {sum(res['explained_variance']):.0%} of the variance in 2-D -> {Path(a.out).name}")
