#!/usr/bin/env python3
"""Makes trec-eval-fixture.json: qrels, a run and trec_eval's own measures for them.

Run once (needs `pip install pytrec-eval-terrier`, which wraps trec_eval's C code); the tests read the
committed JSON, so they never depend on Python. The run has score ties (trec_eval breaks them by
document id, descending), graded judgments 0-4, a judged query the run does not answer, and a query
whose judgments are all 0.
"""
import json
import os
import random

import pytrec_eval

rng = random.Random(20261125)
qrels, run = {}, {}
for q in range(1, 31):
    qid = str(q)
    docs = [f"d{n}" for n in rng.sample(range(1, 400), 60)]
    judged = docs[:rng.randint(5, 40)] + [f"d{n}" for n in rng.sample(range(400, 500), 5)]
    qrels[qid] = {d: (0 if q == 7 else rng.choice([0, 0, 1, 1, 2, 3, 4])) for d in judged}
    if q == 13:
        continue  # judged, never answered
    run[qid] = {d: float(rng.randint(0, 25)) / 4.0 for d in rng.sample(docs, rng.randint(10, 60))}
# Many results, for the depth-1000 and recall@100 cuts.
run["30"] = {f"d{n}": 1000.0 - n * 0.5 for n in range(1, 1200)}
qrels["30"].update({f"d{n}": 1 for n in range(50, 1150, 7)})

measures = {"ndcg_cut.10", "map_cut.1000", "P.10", "recall.100"}
per_query = pytrec_eval.RelevanceEvaluator(qrels, measures).evaluate(run)
names = {"ndcg_cut_10": "ndcg_at_10", "map_cut_1000": "map", "P_10": "p_at_10", "recall_100": "recall_at_100"}
result = {q: {names[k]: v for k, v in per_query.get(q, {}).items()} for q in qrels}
for q in qrels:
    if not result[q]:
        result[q] = {v: 0.0 for v in names.values()}
mean = {v: sum(result[q][v] for q in qrels) / len(qrels) for v in names.values()}

qrels_text = "".join(f"{q} 0 {d} {g}\n" for q in sorted(qrels, key=int) for d, g in sorted(qrels[q].items()))
run_text = "".join(f"{q} Q0 {d} {i + 1} {s!r} fixture\n" for q in sorted(run, key=int) for i, (d, s) in enumerate(run[q].items()))
out = {"tool": "pytrec_eval " + getattr(pytrec_eval, "__version__", "0.5"), "qrels": qrels_text, "run": run_text,
       "per_query": result, "mean": mean}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "trec-eval-fixture.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
print("wrote", len(qrels), "queries; mean", mean)
