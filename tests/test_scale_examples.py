"""The SLURM (dask-jobqueue) and Kubernetes examples in docs/examples parse and
match the code: the job script renders, the commands they show are valid."""
from __future__ import annotations

import ast
import inspect
import re
import shlex
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def test_scale_examples_slurm_jobqueue_config_renders_a_job_script():
    import dask
    from dask_jobqueue import SLURMCluster

    settings = yaml.safe_load((EXAMPLES / "slurm" / "jobqueue.yaml").read_text())["jobqueue"]
    flat = {f"jobqueue.slurm.{key}": value for key, value in settings["slurm"].items()}
    with dask.config.set(flat), SLURMCluster(scheduler_options={"dashboard_address": ":0"}) as cluster:
        script = cluster.job_script()
    assert "#SBATCH -A my-project" in script and "#SBATCH -p compute" in script
    assert "#SBATCH -t 04:00:00" in script and "#SBATCH --output=" in script
    assert "/shared/tieline/.venv/bin/python -m distributed.cli.dask_worker" in script
    assert "--nworkers 2" in script and "--nthreads 1" in script
    assert "export OMP_NUM_THREADS=1" in script


def test_scale_examples_slurm_script_calls_the_api_as_it_is():
    import tieline
    from tieline.scale.engine import ingest_dask

    source = (EXAMPLES / "slurm" / "ingest_on_slurm.py").read_text()
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "ingest_dask"]
    assert len(calls) == 1 and tieline.ingest_dask is ingest_dask
    accepted = set(inspect.signature(ingest_dask).parameters)
    assert {k.arg for k in calls[0].keywords} <= accepted


def _commands(text: str) -> list[list[str]]:
    """``tieline ...`` command lines shown in comments (with ``\\`` continuations)."""
    joined = re.sub(r"\\\n#\s*", " ", text)
    return [shlex.split(m) for m in re.findall(r"^#\s+(tieline .+)$", joined, re.M)]


def test_scale_examples_kubernetes_cluster_and_its_command():
    from tieline.cli import main

    text = (EXAMPLES / "kubernetes" / "daskcluster.yaml").read_text()
    cluster = yaml.safe_load(text)
    assert (cluster["apiVersion"], cluster["kind"]) == ("kubernetes.dask.org/v1", "DaskCluster")
    worker = cluster["spec"]["worker"]["spec"]["containers"][0]
    assert worker["args"][0] == "dask-worker" and worker["args"][worker["args"].index(
        "--nthreads") + 1] == "1"
    assert {"name": "data", "mountPath": "/data"} in worker["volumeMounts"]
    ports = {p["name"]: p["port"] for p in cluster["spec"]["scheduler"]["service"]["ports"]}
    assert ports["tcp-comm"] == 8786
    (command,) = _commands(text)
    assert command[:2] == ["tieline", "ingest"]
    ctx = main.commands["ingest"].make_context("ingest", command[2:])
    assert ctx.params["engine"] == "dask" and ctx.params["work_dir"] == "/data/parts"
    host = f"{cluster['metadata']['name']}-scheduler"
    assert ctx.params["scheduler"].startswith(f"tcp://{host}.") and \
        ctx.params["scheduler"].endswith(f":{ports['tcp-comm']}")
