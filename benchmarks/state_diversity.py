"""How diverse are a dataset's states? The measure behind SDW's claim that state-density weights help most where the
data have little state diversity.

    python benchmarks/state_diversity.py [--datasets A,B,...] [--sample 20000]

For each dataset, on `--sample` of its normalised states (every coordinate has mean 0 and variance 1), the Gaussian
KDE that SDW uses (`state_log_density`: 4,096 centres, Scott's bandwidth, a centre left out of its own estimate)
gives log p(s) with its normalising constant, hence an entropy estimate H = -mean log p(s). A unit-variance Gaussian
in d dimensions has the largest entropy of any distribution with those variances, d/2 log(2 pi e); the measure is
the shortfall per dimension, `gap = (d/2 log(2 pi e) - H) / d` in nats: 0 for states spread like a Gaussian, larger
for states bunched on few regions (less diverse). Also recorded: the spread of log 1/p(s) between its 10 % and 90 %
quantiles (what SDW's weights see) and the share of states whose SDW weight is clipped.
The KDE's smoothing biases H upwards by a similar amount for similar d; compare datasets of one env first.
"""
import argparse, json, math
from pathlib import Path
import torch
from obd_nb.core import atomic_path, format_table
from obd_nb.data import load_transitions
from obd_nb.distill import state_log_density
from _common import NINE

RESULTS = Path(__file__).parent/'results'

def diversity(dataset_id:str, sample:int=20_000, clip:float=10.)->dict:
    "Entropy shortfall per dimension of the normalised states, and the spread of SDW's log 1/p(s)."
    t = load_transitions(dataset_id, download=False)
    states = t.norm(t.observations)
    states = states[torch.randperm(len(states), generator=torch.Generator().manual_seed(0))[:sample]]
    ld, info = state_log_density(states)
    d, h = states.shape[1], info['bandwidth']
    log_p = ld - d/2*math.log(2*math.pi*h**2)  # the kernel's normalising constant
    H = -log_p.mean().item(); li = -ld
    q10, q90 = torch.quantile(li, torch.tensor([0.1, 0.9])).tolist()
    clipped = ((li - li.median()).abs() >= math.log(clip)).float().mean().item()
    return dict(dataset=dataset_id, obs_dim=d, states=len(t.observations), sample=len(states),
                entropy=H, gap_per_dim=(d/2*math.log(2*math.pi*math.e) - H)/d,
                log_inv_p_q10_q90=q90 - q10, sdw_clipped=clipped, bandwidth=h)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--datasets', default=','.join(NINE)); p.add_argument('--sample', type=int, default=20_000)
    p.add_argument('--out', default=str(RESULTS/'state_diversity'))
    a = p.parse_args()
    rows = [diversity(d, a.sample) for d in a.datasets.split(',')]
    out = Path(a.out)
    with atomic_path(out.with_suffix('.json')) as tmp: Path(tmp).write_text(json.dumps(rows, indent=1))
    table = format_table([dict(dataset=r['dataset'], obs_dim=r['obs_dim'], gap_per_dim=f"{r['gap_per_dim']:.2f}",
                               log_inv_p_q10_q90=f"{r['log_inv_p_q10_q90']:.1f}", sdw_clipped=f"{r['sdw_clipped']:.0%}") for r in rows])
    text = (f"`python benchmarks/state_diversity.py` ({a.sample} normalised states per dataset; gap_per_dim: entropy "
            f"shortfall from a unit-variance Gaussian, nats per dimension, larger = less diverse)\n\n{table}\n")
    with atomic_path(out.with_suffix('.md')) as tmp: Path(tmp).write_text(text)
    print(text)
