"""Schemathesis hooks for scripts/schemathesis.sh: point some generated task ids and file names at the seed task.

Random ids only ever reach a route's 404; a deterministic share of the valid-looking ones (three in four by length) becomes the
seed task's id, and of the file names (length divisible by 3) its table list, so the fuzzed bodies reach the code
behind the existence checks too. Deterministic on purpose: Hypothesis replays and shrinks the same cases.
"""
import os
import re

import schemathesis

TASK_ID = os.environ.get("DP_SCHEMATHESIS_TASK_ID", "")
VALID_TASK_ID = re.compile(r"^[A-Za-z0-9_]{1,64}$")


@schemathesis.hook
def map_path_parameters(ctx, path_parameters):
    if not path_parameters or not TASK_ID:
        return path_parameters
    task_id = path_parameters.get("task_id")
    if isinstance(task_id, str) and VALID_TASK_ID.match(task_id) and len(task_id) % 4 != 0:
        path_parameters["task_id"] = TASK_ID
    file_name = path_parameters.get("file_name")
    if isinstance(file_name, str) and len(file_name) % 3 == 0:
        path_parameters["file_name"] = "table_list.txt"
    return path_parameters
