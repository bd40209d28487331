"""Run the notebooks top to bottom and save them with their outputs, so a reader sees every result without running them.

    python nbs/save_outputs.py                 # every notebook
    python nbs/save_outputs.py 06_qstar.ipynb  # some of them

Saving `index.ipynb` also writes README.md from it (nbdev's own `nbdev_readme` needs Quarto, which these machines
lack): its markdown, its shown code, and its outputs; a figure there must be a committed PNG under
`benchmarks/results/`, shown with `Image(str(RESULTS/'....png'))`, so that the README links the same file.

It runs exactly the cells `nbdev_test` runs (not `#| slow`, `#| notest` or `#| eval: false` ones; those show the
committed result of their command in a cheap cell next to them), with progress bars off, then cleans each notebook
with `nbdev_clean`. The tests' temporary folders (`/tmp/tmpab12cd`) are shown as `$TMP`. It stops at the first failing cell and leaves that notebook unchanged. Saved outputs must not
show warnings or paths of the machine that ran them: it lists any it finds, and exits 1 if there are some. Figures
are saved small (`shrink_png`: at most 1,400 pixels wide, 64 colours); `python nbs/save_outputs.py --shrink NB...`
only shrinks the figures a notebook already holds.
"""
import base64, io, os, re, sys, subprocess, tempfile
from pathlib import Path
os.environ.update(OBD_QUIET='1', OMP_NUM_THREADS=os.environ.get('OMP_NUM_THREADS', '1'), PYTHONWARNINGS='ignore')
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.process import extract_directives
from nbdev.config import get_config

NBS = Path(__file__).parent
SKIP = set(get_config().get('tst_flags', '').split())
FIGURES = "import matplotlib as mpl; mpl.rcParams['figure.dpi'] = 100"  # with plain PNGs (not retina): small files
TMP = re.compile(re.escape(tempfile.gettempdir()) + r'/tmp\w+')  # the tests' temporary folders, shown as $TMP
WIDEST = 1400  # pixels: a saved figure wider than this is scaled down
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

def shrink_png(b64:str, colors:int=64)->str:
    "A base64 PNG as a smaller one: on white, at most `WIDEST` pixels wide, `colors` colours (plots need few)."
    from PIL import Image
    im = Image.open(io.BytesIO(base64.b64decode(b64))).convert('RGBA')
    flat = Image.new('RGBA', im.size, 'white')
    flat.alpha_composite(im)
    im = flat.convert('RGB')
    if im.width > WIDEST: im = im.resize((WIDEST, round(im.height * WIDEST / im.width)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.quantize(colors=colors, method=Image.Quantize.MEDIANCUT).save(buf, 'PNG', optimize=True)
    return b64 if len(buf.getvalue()) * 4 // 3 >= len(b64) else base64.b64encode(buf.getvalue()).decode()

def shrink_figures(nb)->None:
    "Every PNG output of `nb` through `shrink_png` (a notebook stays readable on GitHub and well under 300 KB)."
    for c in nb.cells:
        for o in c.get('outputs', []):
            data = o.get('data', {})
            if 'image/png' in data:
                data['image/png'] = shrink_png(''.join(data['image/png']).replace('\n', ''))

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
    for c in nb.cells:
        for o in c.get('outputs', []):
            if 'text' in o: o['text'] = TMP.sub('$TMP', ''.join(o['text']))
            if 'text/plain' in o.get('data', {}): o['data']['text/plain'] = TMP.sub('$TMP', ''.join(o['data']['text/plain']))
    shrink_figures(nb)
    write_nb(nb, fn)
    subprocess.run(['nbdev_clean', '--fname', str(fn)], check=True)
    return problems(read_nb(fn))

def _source(cell)->tuple[dict, str]:
    "A code cell's directives and its source without them."
    c = cell.copy(); d = extract_directives(c, remove=True)
    return d, c.source.strip()

def readme(nb)->str:
    "README.md's text from the executed `index.ipynb`."
    out = []
    for c in nb.cells:
        if c.cell_type == 'markdown': out.append(c.source.strip()); continue
        d, src = _source(c)
        if 'hide' in d or not (src or c.get('outputs')): continue
        if d.get('echo:', [''])[0].lower() != 'false': out.append(f'```python\n{src}\n```')
        for o in c.get('outputs', []):
            data = o.get('data', {})
            if 'text/markdown' in data: out.append(''.join(data['text/markdown']).strip())
            elif 'image/png' in data:
                m = re.search(r"RESULTS/'([^']+\.png)'", src)
                if not m: raise ValueError(f'index.ipynb: a figure must be a committed PNG shown with Image(str(RESULTS/...)): {src[:80]!r}')
                out.append(f'![{Path(m[1]).stem}](benchmarks/results/{m[1]})')
            elif text := ''.join(o.get('text', '') or data.get('text/plain', '')).strip(): out.append(f'```\n{text}\n```')
    links = re.compile(r'\]\((\d\d_\w+\.ipynb)\)')  # the notebooks, linked from the repository's root
    return links.sub(r'](nbs/\1)', '\n\n'.join(out)) + '\n'

if __name__ == '__main__':
    if sys.argv[1:2] == ['--shrink']:  # only shrink the figures already saved, running nothing
        for name in sys.argv[2:]:
            nb = read_nb(NBS/Path(name).name)
            shrink_figures(nb)
            write_nb(nb, NBS/Path(name).name)
        sys.exit(0)
    names = sys.argv[1:] or sorted(p.name for p in NBS.glob('*.ipynb'))
    bad = {}
    for name in names:
        fn = NBS/Path(name).name
        print(f'{fn.name} ...', flush=True)
        if p := save_outputs(fn): bad[fn.name] = p
        if fn.name == get_config().get('readme_nb', 'index.ipynb'): (NBS.parent/'README.md').write_text(readme(read_nb(fn)))
    for k, v in bad.items(): print(k, *v, sep='\n  ')
    sys.exit(1 if bad else 0)
