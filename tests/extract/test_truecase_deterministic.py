"""Upper-case copy is cased the same in every process: the truecaser's ties are broken in one fixed order,
not in the hash order of a set, which changes with PYTHONHASHSEED. The sentence is written for this test."""
from __future__ import annotations

import subprocess
import sys

WIRE = "SAN ORVEL, 3 JAN 90 -- [TEXT] THE ORVEL BATTALION COMMAND HAS REPORTED THAT 12 GUARDS WERE FREED."
CASE_IT = f"from headcount.extract.truecase import restore_case; print(restore_case({WIRE!r}))"


def _cased(hash_seed: int) -> str:
    done = subprocess.run([sys.executable, "-c", CASE_IT], capture_output=True, text=True, check=True,
                          env={"PYTHONHASHSEED": str(hash_seed), "PATH": ""})
    return done.stdout


def test_the_same_wire_copy_is_cased_the_same_whatever_the_hash_seed():
    cased = {_cased(seed) for seed in range(4)}
    assert len(cased) == 1, cased
    # on a tie, the casing with fewer capitals: "battalion" in running text
    assert "the Orvel battalion command" in cased.pop()
