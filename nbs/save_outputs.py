"""Run the notebooks top to bottom and save them with their outputs, so a reader sees every result without running them.

    python nbs/save_outputs.py                 # every notebook
    python nbs/save_outputs.py 06_qstar.ipynb  # some of them

It runs exactly the cells `nbdev_test` runs (not `#| slow`, `#| notest` or `#| eval: false` ones; those show the
committed result of their command in a cheap cell next to them), with progress bars off, then cleans each notebook
with `nbdev_clean`. It stops at the first failing cell and leaves that notebook unchanged. Saved outputs must not
show warnings or paths of the machine that ran them: it lists any it finds, and exits 1 if there are some.
"""
import os, re, sys, subprocess
from pathlib import Path
os.environ.update(OBD_QUIET='1', OMP_NUM_THREADS=os.environ.get('OMP_NUM_THREADS', '1'), PYTHONWARNINGS='ignore')
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.process import extract_directives
from nbdev.config import get_config

NBS = Path(__file__).parent
SKIP = set(get_config().get('tst_flags', '').split())
FIGURES = "import matplotlib as mpl; mpl.rcParams['figure.dpi'] = 100"  # with plain PNGs (not retina): small files
MACHINE = re.compile(r'/(?:root|tmp|home|work|Users)/|[A-Z]:\\\\')

def skipped(cell)->bool:
    "True for the cells `nbdev_test` does not run."
    if cell.cell_type != 'code' or 'nbdev_export(' in cell.source: return True
    d = extract_directives(cell.copy(), remove=False)
    return d.get('eval:', [''])[0].lower() == 'false' or bool(SKIP & d.keys())

def problems(nb)->list[str]:
    "Outputs a reader should not see: warnings on stderr, paths of this machine."
    out = []
    for i, c in enumerate(nb.cells):
        for o in c.get('outputs', []):
            text = ''.join(o.get('text', '')) + ''.join(o.get('data', {}).get('text/plain', ''))
            if o.get('name') == 'stderr': out.append(f'cell {i}: stderr: {text[:120]!r}')
            if m := MACHINE.search(text): out.append(f'cell {i}: machine path: {text[max(0, m.start()-40):m.end()+40]!r}')
    return out

def save_outputs(fn:Path)->list[str]:
    "Execute notebook `fn` as `nbdev_test` does and write it back with its outputs; return its `problems`."
    nb = read_nb(fn)
    for c in nb.cells:
        if c.cell_type == 'code': c.outputs, c.execution_count = [], None
    sh = CaptureShell(fn, mpl_format='png')
    sh.run_cell(FIGURES)
    cwd = os.getcwd(); os.chdir(fn.parent)
    try: sh.run_all(nb, exc_stop=True, preproc=skipped)
    finally: os.chdir(cwd)
    write_nb(nb, fn)
    subprocess.run(['nbdev_clean', '--fname', str(fn)], check=True)
    return problems(read_nb(fn))

if __name__ == '__main__':
    names = sys.argv[1:] or sorted(p.name for p in NBS.glob('*.ipynb'))
    bad = {}
    for name in names:
        fn = NBS/Path(name).name
        print(f'{fn.name} ...', flush=True)
        if p := save_outputs(fn): bad[fn.name] = p
    for k, v in bad.items(): print(k, *v, sep='\n  ')
    sys.exit(1 if bad else 0)
