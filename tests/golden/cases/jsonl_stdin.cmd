eval -p examples/policies/pods.writ --format json -
stdin: tests/golden/inputs/pods.jsonl
