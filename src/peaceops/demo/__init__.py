"""Build a demo workspace and run the main job on it.

The demo uses the published data beside the repository (``../shared/data`` or
``$PEACEOPS_SHARED_DATA``) when it is there: the ACLED export for Mali, the OCHA boundaries,
the Geo-PKO deployments. Otherwise it generates a synthetic scenario, and the workspace
configuration says so (``synthetic: true``), which every report then prints as a banner.

MINUSMA's mandates 2013-2016 come from the PEMA expert coding in the shared data (coded
mandates: tasks and paragraph ids, no text). The illustrative mandate texts (S/RES/9101-9103,
not official), the 2015 Mali peace agreement tracker, the MINUSMA results framework and the
MINUSMA plan are written by the project and ship in the package. The main job writes the
context analysis, the
framework progress report, the plan and the renewal brief.

Like the CLI, this module sits on top of the feature packages and the reports.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from peaceops.errors import WorkspaceError
from peaceops.numbers import count_noun
from peaceops.progress import OnProgress
from peaceops.progress import report as report_progress
from peaceops.shared_data import shared_data_dir
from peaceops.workspace import Workspace

__all__ = ["DEMO_NAME", "DemoResult", "Step", "build_demo", "run_main_job"]

DEMO_NAME = "peaceops demo"


@dataclass(frozen=True)
class Step:
    """One step of the demo: what it did, in one line, and how long it took."""

    name: str
    summary: str
    seconds: float


@dataclass(frozen=True)
class DemoResult:
    """What ``build_demo`` and ``run_main_job`` produced."""

    root: Path
    data: str  # "real" or "synthetic"
    steps: tuple[Step, ...]
    outputs: tuple[Path, ...] = field(default=())
    considerations: tuple[str, ...] = field(default=())


def _prepare_dir(path: Path) -> None:
    """Refuse to overwrite anything but an earlier demo workspace."""
    if not path.exists():
        return
    cfg = path / "peaceops.yaml"
    if cfg.is_file():
        ws = Workspace.open(path)
        ws.close()
        if ws.config.name.startswith(DEMO_NAME):
            shutil.rmtree(path)
            return
        raise WorkspaceError(f"{path} is a workspace that the demo did not create; choose another")
    if path.is_dir() and any(path.iterdir()):
        raise WorkspaceError(f"{path} exists and is not empty; choose another directory")


def _timed(
    steps: list[Step],
    name: str,
    action: Callable[[], str],
    on_progress: OnProgress | None = None,
    total: int = 0,
) -> None:
    report_progress(on_progress, name, len(steps), total)
    t0 = time.perf_counter()
    summary = action()
    steps.append(Step(name, summary, time.perf_counter() - t0))


def build_demo(
    path: Path | str,
    *,
    shared_dir: Path | None = None,
    synthetic: bool | None = None,
    seed: int = 2013,
    on_progress: OnProgress | None = None,
) -> tuple[Workspace, DemoResult]:
    """Create a fresh demo workspace at ``path`` and load every part of the demo into it.

    ``synthetic=None`` chooses the real data when found, else the synthetic scenario.
    ``on_progress`` hears of each part before it is loaded.
    """
    root = Path(path)
    _prepare_dir(root)
    shared = shared_dir if shared_dir is not None else shared_data_dir()
    use_synthetic = synthetic if synthetic is not None else shared is None
    if not use_synthetic and shared is None:
        raise WorkspaceError("real data requested but ../shared/data was not found")
    label = "synthetic scenario" if use_synthetic else "published data"
    ws = Workspace.create(
        root, country="MLI", name=f"{DEMO_NAME} ({label})", synthetic=use_synthetic
    )
    steps: list[Step] = []

    def timed(name: str, action: Callable[[], str]) -> None:
        _timed(steps, name, action, on_progress, 6)

    from peaceops.demo import events as events_demo

    if use_synthetic:
        timed("events", lambda: _describe(events_demo.load_synthetic(ws, seed)))
    else:
        assert shared is not None
        timed("events", lambda: _describe(events_demo.load_real(ws, shared)))

    timed("mandates", lambda: _load_mandates(ws, None if use_synthetic else shared))

    from peaceops.demo import agreement as agreement_demo

    timed("agreement", lambda: _describe(agreement_demo.load_example(ws)))

    from peaceops.demo import framework as framework_demo

    timed("framework", lambda: _describe(framework_demo.load_example(ws)))

    from peaceops.demo import strategy as strategy_demo

    timed("strategy", lambda: _describe(strategy_demo.load_example(ws)))

    from peaceops.demo import planning as planning_demo

    timed(
        "plan", lambda: _describe(planning_demo.load_example(ws, None if use_synthetic else shared))
    )
    report_progress(on_progress, "demo workspace built", len(steps), len(steps))
    data = "synthetic" if use_synthetic else "real"
    return ws, DemoResult(root=root, data=data, steps=tuple(steps))


def _load_mandates(ws: Workspace, shared: Path | None) -> str:
    """MINUSMA's real mandates 2013-2016 as coded by PEMA (when the PEMA file is at hand),
    and the project's illustrative modern texts as an example of reading a text."""
    from peaceops.demo.mandate_texts import save_illustrative_renewals

    parts = []
    pema = shared / "pema" / "PEMA_raw_v2.csv" if shared is not None else None
    if pema is not None and pema.is_file():
        from peaceops.mandates.pema import import_pema

        done = import_pema(ws, pema, "MINUSMA")
        parts.append(
            "coded by PEMA: "
            + ", ".join(
                f"{r.symbol} ({count_noun(r.task_count, 'task')})" for r in done.read.mandates
            )
        )
    saved = save_illustrative_renewals(ws)
    parts.append(
        "; ".join(
            f"{r.label}: {len(r.operative)} paragraphs, {count_noun(r.task_count, 'task')}"
            for r in saved
        )
    )
    return "; ".join(parts)


def run_main_job(
    ws: Workspace, out_dir: Path | None = None, on_progress: OnProgress | None = None
) -> DemoResult:
    """Write the context analysis, framework report, plan report and brief under ``out_dir``;
    ``on_progress`` hears of each report before it is written."""
    from peaceops.reports.agreement_report import write_agreement_report
    from peaceops.reports.brief import build_brief, write_brief_data
    from peaceops.reports.context_charts import write_context_report
    from peaceops.reports.framework_report import write_framework_report
    from peaceops.reports.plan_report import write_plan_report
    from peaceops.reports.strategy_report import write_strategy_report

    out = out_dir if out_dir is not None else ws.output_dir
    steps: list[Step] = []
    outputs: list[Path] = []

    def run(name: str, writer: Callable[[Path], list[Path]], sub: str) -> None:
        def action() -> str:
            paths = writer(out / sub)
            outputs.extend(paths)
            return f"{len(paths)} files in {out / sub}"

        _timed(steps, name, action, on_progress, 6)

    run("context report", lambda d: write_context_report(ws, d), "context")
    run("agreement report", lambda d: write_agreement_report(ws, d), "agreement")
    run("framework report", lambda d: write_framework_report(ws, d), "framework")
    run("strategy report", lambda d: write_strategy_report(ws, d), "strategy")
    run("plan report", lambda d: write_plan_report(ws, d), "plan")
    considerations: list[str] = []

    def brief(d: Path) -> list[Path]:
        data = build_brief(ws)
        considerations.extend(f"[{c.grade.upper()}] {c.text}" for c in data.considerations)
        return write_brief_data(data, d)

    run("brief", brief, "brief")
    report_progress(on_progress, "reports written", len(steps), len(steps))
    data = "synthetic" if ws.config.synthetic else "real"
    return DemoResult(
        root=ws.root,
        data=data,
        steps=tuple(steps),
        outputs=tuple(outputs),
        considerations=tuple(considerations),
    )


def _describe(summary: object) -> str:
    """One line from whatever summary a loader returned (a mapping, a dataclass or a string)."""
    if isinstance(summary, str):
        return summary
    if isinstance(summary, dict):
        return ", ".join(f"{k}: {v}" for k, v in summary.items())
    fields = getattr(summary, "__dataclass_fields__", None)
    if fields:
        return ", ".join(f"{k}: {getattr(summary, k)}" for k in fields)
    return str(summary)
