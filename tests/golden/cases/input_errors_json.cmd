eval -p examples/policies/pods.writ tests/golden/inputs/mixed.yaml --format json
