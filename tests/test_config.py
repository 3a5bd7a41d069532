import pytest

from tieline.config import Config
from tieline.errors import ConfigError


def test_config_reads_toml_then_environment(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[tieline]\nbatch_size = 8\nstages = ["clean", "parse"]\n')
    config = Config.load(path, env={"TIELINE_N_PROCESS": "2"})
    assert (config.batch_size, config.stages, config.n_process) == (8, ("clean", "parse"), 2)


def test_config_rejects_unknown_setting():
    with pytest.raises(ConfigError, match="unknown setting"):
        Config().updated({"nonsense": 1})


def test_config_rejects_bad_value():
    with pytest.raises(ConfigError, match="bad value"):
        Config.load(env={"TIELINE_BATCH_SIZE": "many"})
