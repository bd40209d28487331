"""Glue the benchmark scripts share: the nine datasets, a dataset with its shipped teacher, and repo-relative paths.

Benchmark-only: the scripts import it as `from _common import ...` (Python puts `benchmarks/` on the path when it runs
`python benchmarks/X.py`). `teacher_for` could move to `obd_nb.qstar` beside `shipped_teacher` and `load_qstar`.
"""
from __future__ import annotations
import re
from pathlib import Path
from obd_nb.data import Transitions, load_transitions
from obd_nb.qstar import shipped_teacher, load_qstar
from obd_nb.zoo import zoo_id

REPO = Path(__file__).resolve().parent.parent  # the repository's root
RESULTS = REPO/'benchmarks'/'results'           # the committed results
ENVS3 = ('halfcheetah', 'hopper', 'walker2d')
QUALITIES3 = ('medium-replay', 'medium', 'medium-expert')
NINE = [zoo_id(e, q) for e in ENVS3 for q in QUALITIES3]  # the paper's nine datasets, as `obd_nb.study.PAPER_DATASETS`


def teacher_for(data:str|Transitions,  # a local dataset's id, or its transitions
                need:bool=True,         # no shipped teacher: exit with a message (else give None, None)
                qstar:bool=True,        # load pi*/Q* too (else only the file)
               )->tuple:
    "The dataset, its shipped teacher's file and its pi*/Q* on the CPU in the dataset's terms: `(t, path, qs)`."
    t = data if isinstance(data, Transitions) else load_transitions(data, download=False)
    p = shipped_teacher(t)
    if p is None and need:
        raise SystemExit(f'{t.dataset_id} has no shipped teacher here: this measure uses the shipped ones.')
    if p is None or not qstar:
        return t, p, None
    return t, p, load_qstar(p, 'cpu', data=t)


ANCHORS = ('obd_nb', 'obd_runs', 'nbs', 'benchmarks')  # the repository's top folders a recorded path can sit in
ABS_PATH = re.compile(r'(?<![\w.~/-])/(?:[\w.+-]+/)*?(?=(?:' + '|'.join(ANCHORS) + r')/)')


def repo_path(p)->str|None:
    "`p` as results record it: from the repository's top folder (`obd_nb/teachers/X.pt`, `obd_runs/...`) when it is in one."
    if p is None:
        return None
    return ABS_PATH.sub('', str(p), count=1)
